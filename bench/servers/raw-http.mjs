// The peer: a bare node:http server doing the same JSON work as Ticker.add —
// read the body, parse it, check it is two finite numbers, add, check the sum
// is a safe integer, answer {"result": sum} — with nothing else. The `http`
// suite's peer, and the `hostile` suite's under the slow bodies' burst.
import { createServer } from 'node:http';

const server = createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/Ticker/add') {
    res.writeHead(404).end();
    return;
  }
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    let args;
    try {
      args = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return send(res, 400, { error: { code: 'BAD_REQUEST', message: 'Malformed JSON.' } });
    }
    if (
      !Array.isArray(args) ||
      args.length !== 2 ||
      !Number.isFinite(args[0]) ||
      !Number.isFinite(args[1])
    ) {
      return send(res, 400, { error: { code: 'BAD_ARGUMENT', message: 'Expected two numbers.' } });
    }
    const sum = args[0] + args[1];
    if (!Number.isSafeInteger(sum))
      return send(res, 422, { error: { code: 'OVERFLOW', message: 'Not a safe integer.' } });
    send(res, 200, { result: sum });
  });
});

function send(res, status, body) {
  const text = JSON.stringify(body);
  res
    .writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
    })
    .end(text);
}

server.listen(0, '127.0.0.1', () =>
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`),
);
