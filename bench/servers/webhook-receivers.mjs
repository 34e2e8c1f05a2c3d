// The receivers of the webhooks suite, in their own process: contract-gen's webhook receiver
// (createWebhookReceiver, as the generated `<name>Webhook` makes it: signature, timestamp, every event
// decoded against the interface, repeats dropped) and a bare node:http server that reads the body,
// parses it and counts its events. Told `{ expect: n }` over IPC, answers `{ done: n }` once the
// receiver named in the message has handled n events since.
import { createServer } from 'node:http';
import * as s from '@contract-gen/runtime/schema';
import { toNodeHandler } from '@contract-gen/runtime/server/node';
import { createWebhookReceiver } from '@contract-gen/runtime/webhooks';

const SECRET = process.env.SECRET;
const TickEvents = s.callbackInterface('TickEvents', {
  tick: [s.string(), s.number(), s.date()],
});
const count = { ours: 0, bare: 0 };
let waiting;

function handled(who, n) {
  count[who] += n;
  if (waiting?.who === who && count[who] >= waiting.n) {
    process.send({ done: count[who] });
    waiting = undefined;
  }
}

const ours = createWebhookReceiver(
  TickEvents,
  { tick: () => handled('ours', 1) },
  { secret: SECRET, maxBodyBytes: 4 * 1024 * 1024 },
);
const bare = (req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    handled('bare', body.events.length);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}');
  });
};

const listen = (handler) =>
  new Promise((resolve) => {
    const server = createServer(handler);
    server.listen(0, '127.0.0.1', () => resolve(server.address().port));
  });
const ports = { ours: await listen(toNodeHandler(ours)), bare: await listen(bare) };

process.on('message', (message) => {
  count[message.who] = 0;
  waiting = { who: message.who, n: message.expect };
  process.send({ ready: true });
});
process.send({ ports });
// The suite disconnects when it is done: exit then (a profiler writes its profile on exit).
process.on('disconnect', () => process.exit(0));
