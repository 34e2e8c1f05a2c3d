// The peer: fastify 5 with one POST route doing the same work as
// Ticker.add. fastify parses the JSON body itself (its default
// content-type parser); the route checks it is two finite numbers, adds,
// checks the sum is a safe integer and answers {"result": sum}. No schema
// (so no ajv validation and no fast-json-stringify): the comparison is of
// the servers, as with tRPC's plain validator. Logging is off (fastify's
// default), everything else is default.
import Fastify from 'fastify';

const app = Fastify({ logger: false });

app.post('/Ticker/add', async (request, reply) => {
  const args = request.body;
  if (
    !Array.isArray(args) ||
    args.length !== 2 ||
    !Number.isFinite(args[0]) ||
    !Number.isFinite(args[1])
  ) {
    return reply
      .code(400)
      .send({ error: { code: 'BAD_ARGUMENT', message: 'Expected two numbers.' } });
  }
  const sum = args[0] + args[1];
  if (!Number.isSafeInteger(sum))
    return reply.code(422).send({ error: { code: 'OVERFLOW', message: 'Not a safe integer.' } });
  return { result: sum };
});

await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ port: app.server.address().port })}\n`);
