// The peer: tRPC v11's standalone HTTP server with one mutation doing the
// same work as Ticker.add, its input checked by a plain validator function
// (no schema library, so the comparison is of the servers, not validators).
import { initTRPC, TRPCError } from '@trpc/server';
import { createHTTPServer } from '@trpc/server/adapters/standalone';

const t = initTRPC.create();

function twoNumbers(input) {
  if (
    typeof input !== 'object' ||
    input === null ||
    !Number.isFinite(input.a) ||
    !Number.isFinite(input.b)
  ) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'Expected { a: number, b: number }.' });
  }
  return input;
}

const router = t.router({
  add: t.procedure.input(twoNumbers).mutation(({ input }) => {
    const sum = input.a + input.b;
    if (!Number.isSafeInteger(sum))
      throw new TRPCError({ code: 'UNPROCESSABLE_CONTENT', message: 'Not a safe integer.' });
    return sum;
  }),
});

const server = createHTTPServer({ router });
server.listen(0, '127.0.0.1');
server.on('listening', () =>
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`),
);
