// The floor: a bare long-poll server on node:http speaking the same events
// protocol as contract-gen (open, subscribe, publish, `GET
// /events?after=&wait=` answering `{"events":[...]}` with up to 1,000
// events), and nothing else: no validation, no schemas, no stand-ins, no
// expiry, no error bodies. `publish` serialises each event once per client
// when it is published (`{"seq","cb","method","args"}`, the same text the
// project queues), so a poll only joins strings.
import { createServer } from 'node:http';

const MAX_BATCH = 1_000;
const clients = new Map(); // id -> { events: string[], head, firstSeq, nextSeq, parked }
const symbols = new Map(); // symbol -> Set of ids
let nextClient = 1;

function answer(res, body) {
  res.writeHead(200, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  res.end(body);
}

function read(client, after) {
  // Acknowledge everything up to `after`.
  const drop = Math.min(after - client.firstSeq + 1, client.events.length - client.head);
  if (drop > 0) {
    client.head += drop;
    client.firstSeq += drop;
    if (client.head > 4096 && client.head * 2 > client.events.length) {
      client.events = client.events.slice(client.head);
      client.head = 0;
    }
  }
  const start = client.head;
  const end = Math.min(client.events.length, start + MAX_BATCH);
  return end > start ? `{"events":[${client.events.slice(start, end).join(',')}]}` : undefined;
}

function wake(client) {
  const parked = client.parked;
  if (parked === undefined) return;
  client.parked = undefined;
  clearTimeout(parked.timer);
  const body = read(client, parked.after);
  answer(parked.res, body ?? '{"events":[]}');
}

const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  const q = url.searchParams;
  req.resume();
  switch (url.pathname) {
    case '/open': {
      const id = String(nextClient++);
      clients.set(id, {
        events: [],
        head: 0,
        firstSeq: 1,
        nextSeq: 1,
        parked: undefined,
        woken: false,
      });
      return answer(res, `{"client":"${id}"}`);
    }
    case '/subscribe': {
      const symbol = q.get('symbol');
      let set = symbols.get(symbol);
      if (set === undefined) symbols.set(symbol, (set = new Set()));
      set.add(q.get('client'));
      return answer(res, `{"result":${set.size}}`);
    }
    case '/subscribers':
      return answer(res, `{"result":${symbols.get(q.get('symbol'))?.size ?? 0}}`);
    case '/publish': {
      const symbol = q.get('symbol');
      const count = Number(q.get('count'));
      const subscribers = [...(symbols.get(symbol) ?? [])].map((id) => clients.get(id));
      const symbolJson = JSON.stringify(symbol);
      const emit = (method, argsJson) => {
        for (const client of subscribers) {
          client.events.push(
            `{"seq":${client.nextSeq++},"cb":1,"method":"${method}","args":${argsJson}}`,
          );
          if (client.parked !== undefined && !client.woken) {
            client.woken = true;
            queueMicrotask(() => {
              client.woken = false;
              wake(client);
            });
          }
        }
      };
      for (let n = 1; n <= count; n++)
        emit('tick', `[${symbolJson},${n},"${new Date().toISOString()}"]`);
      emit('done', `[${symbolJson},${count}]`);
      return answer(res, `{"result":${subscribers.length}}`);
    }
    case '/events': {
      const client = clients.get(req.headers['x-contract-client']);
      const after = Number(q.get('after') ?? 0);
      const wait = Number(q.get('wait') ?? 0);
      const body = read(client, after);
      if (body !== undefined || wait === 0) return answer(res, body ?? '{"events":[]}');
      if (client.parked !== undefined) answer(client.parked.res, '{"events":[]}');
      const parked = { res, after, timer: setTimeout(() => wake(client), wait) };
      client.parked = parked;
      res.on('close', () => {
        if (client.parked === parked) {
          client.parked = undefined;
          clearTimeout(parked.timer);
        }
      });
      return;
    }
    default:
      res.writeHead(404).end();
  }
});

server.listen(0, '127.0.0.1', () =>
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`),
);

// End on SIGTERM/SIGINT through process.exit (so --cpu-prof can write its
// profile), and with the suite: a server whose parent went away ends itself.
for (const signal of ['SIGTERM', 'SIGINT']) process.once(signal, () => process.exit(0));
const parent = process.ppid;
setInterval(() => process.ppid !== parent && process.exit(0), 1_000).unref();
