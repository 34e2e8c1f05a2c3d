// The conformance router as a Fastify plugin (docs/hosts.md, Fastify).
import Fastify from 'fastify';
import { contractPlugin } from '@contract-gen/runtime/server/fastify';
import { HELLO_PATH, hello, urlOf, type StartHost } from './host-server.js';

export const startFastify: StartHost = async (router, port, hostname) => {
  const app = Fastify();
  await app.register(contractPlugin, { router, webSocket: {} });
  app.get(HELLO_PATH, () => hello('fastify'));
  app.addHook('preClose', async () => router.close());
  await app.listen({ port, host: hostname });
  const address = app.server.address();
  const bound = typeof address === 'object' && address !== null ? address.port : port;
  return {
    url: urlOf(hostname, bound, router.base),
    port: bound,
    close: () => app.close(),
  };
};
