// A framework app serving Ticker.add at POST /api/Ticker/add, either through
// contract-gen's host adapter (`ours`: the conformance router mounted as
// docs/hosts.md shows) or as the framework's own bare route doing the same
// JSON work (`bare`: the framework parses the body, the route checks two
// finite numbers, adds, checks the sum is a safe integer and answers
// {"result": sum}). Usage: node host-http.mjs <express|fastify|hono> <ours|bare>
import { createServer } from 'node:http';
import { createRouter } from '@contract-gen/runtime/server';
import { tickerHandlers } from '../../build/apps/conformance/generated/ticker.server.js';
import { createTickerService } from '../../build/apps/conformance/ticker-service.js';

const [framework, mode] = process.argv.slice(2);
const router = createRouter({
  services: [tickerHandlers(createTickerService())],
  base: '/api',
  onError: () => {},
});

/** The bare route's work: the answer's status and body for the parsed arguments. */
function add(args) {
  if (
    !Array.isArray(args) ||
    args.length !== 2 ||
    !Number.isFinite(args[0]) ||
    !Number.isFinite(args[1])
  )
    return [400, { error: { code: 'BAD_ARGUMENT', message: 'Expected two numbers.' } }];
  const sum = args[0] + args[1];
  if (!Number.isSafeInteger(sum))
    return [422, { error: { code: 'OVERFLOW', message: 'Not a safe integer.' } }];
  return [200, { result: sum }];
}

let port;
if (framework === 'express') {
  const { default: express } = await import('express');
  const app = express();
  if (mode === 'ours') {
    const { createExpressMiddleware } = await import('@contract-gen/runtime/server/express');
    app.use(createExpressMiddleware(router));
  } else {
    app.post('/api/Ticker/add', express.json(), (req, res) => {
      const [status, body] = add(req.body);
      res.status(status).json(body);
    });
  }
  port = await listen(createServer(app));
} else if (framework === 'fastify') {
  const { default: Fastify } = await import('fastify');
  const app = Fastify({ logger: false });
  if (mode === 'ours') {
    const { contractPlugin } = await import('@contract-gen/runtime/server/fastify');
    await app.register(contractPlugin, { router });
  } else {
    app.post('/api/Ticker/add', async (request, reply) => {
      const [status, body] = add(request.body);
      return reply.code(status).send(body);
    });
  }
  await app.listen({ port: 0, host: '127.0.0.1' });
  port = app.server.address().port;
} else if (framework === 'hono') {
  const { Hono } = await import('hono');
  const { createAdaptorServer } = await import('@hono/node-server');
  const app = new Hono();
  if (mode === 'ours') {
    const { createHonoHandler } = await import('@contract-gen/runtime/server/hono');
    app.all('/api/*', createHonoHandler(router));
  } else {
    app.post('/api/Ticker/add', async (c) => {
      const [status, body] = add(await c.req.json());
      return c.json(body, status);
    });
  }
  port = await listen(createAdaptorServer({ fetch: app.fetch }));
} else {
  console.error('usage: node host-http.mjs <express|fastify|hono> <ours|bare>');
  process.exit(2);
}
process.stdout.write(`${JSON.stringify({ port })}\n`);

function listen(server) {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(server.address().port)),
  );
}

for (const signal of ['SIGTERM', 'SIGINT']) process.once(signal, () => process.exit(0));
const parent = process.ppid;
setInterval(() => process.ppid !== parent && process.exit(0), 1_000).unref();
