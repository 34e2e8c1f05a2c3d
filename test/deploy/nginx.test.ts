// Behind a real load balancer (issue 25): Debian's nginx, round robin with no stickiness, in front
// of four server processes sharing one Redis — started with docs/deploy.md's own configuration —
// carries calls, long polls and WebSockets with every event delivered once, in order. And with
// nginx's bare defaults, the WebSocket upgrade arrives as a plain GET: the server answers 426
// UPGRADE_REQUIRED naming the proxy, and an `auto` client falls back to long polling, says why,
// and still receives everything.
import { WebSocket } from 'ws';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { feedClient, isInOrderOnce, publishBurst } from '../stores/feed-client.js';
import { describeWithRedis, redisPrefix, redisTarget } from '../stores/redis-target.js';
import {
  freePort,
  removePackage,
  snapshotPackage,
  startServer,
  type ServerProcess,
} from '../stores/server-process.js';
import { describeWithNginx, documentedConfig, startNginx, type Nginx } from './nginx.js';

const PROCESSES = 4;

describeWithNginx('nginx in front of four processes on Redis', () => {
  describeWithRedis('docs/deploy.md configuration and nginx defaults', () => {
    let pkg: string | undefined;
    const servers: ServerProcess[] = [];
    let documented: Nginx | undefined;
    let bare: Nginx | undefined;

    beforeAll(async () => {
      pkg = await snapshotPackage();
      const env = { STORE: 'redis', REDIS_URL: redisTarget.url, PREFIX: redisPrefix('nginx') };
      for (let i = 0; i < PROCESSES; i++) servers.push(await startServer(pkg, env));
      const ports = servers.map((server) => server.port);
      const documentedPort = await freePort();
      documented = await startNginx(documentedConfig(ports, documentedPort), documentedPort);
      const barePort = await freePort();
      bare = await startNginx(
        [
          `upstream bare { ${ports.map((p) => `server 127.0.0.1:${p};`).join(' ')} }`,
          `server { listen 127.0.0.1:${barePort}; location / { proxy_pass http://bare; } }`,
        ].join('\n'),
        barePort,
      );
    }, 120_000);

    afterAll(async () => {
      await documented?.stop();
      await bare?.stop();
      for (const server of servers) await server.kill();
      removePackage(pkg);
    });

    /** A client of `url` that joined the Room topic; the ports its joins landed on. */
    async function joined(url: string, options: Parameters<typeof feedClient>[1]) {
      const client = feedClient(url, options);
      const port = await client.join();
      return { client, port };
    }

    /** Publishes 2,000 items through `url` (round robin over the processes) and waits for `client` to hold them all. */
    async function burstReaches(url: string, client: ReturnType<typeof feedClient>) {
      const burst = await publishBurst(url, 2_000, 100, undefined, 'Room');
      expect(burst.returned).toBe(2_000);
      await vi.waitFor(() => expect(client.received.length).toBe(2_000), {
        timeout: 30_000,
        interval: 50,
      });
      expect(isInOrderOnce(client.received)).toBe(true);
      expect(client.gaps).toEqual([]);
      expect(client.errors).toEqual([]);
    }

    it('round robin: calls through nginx land on every process', async () => {
      const ports = new Set<number>();
      const clients = [];
      for (let i = 0; i < 2 * PROCESSES; i++) {
        const { client, port } = await joined(documented!.url, { transport: 'long-poll' });
        clients.push(client);
        ports.add(port);
      }
      expect(ports).toEqual(new Set(servers.map((server) => server.port)));
      for (const client of clients) await client.conn.close();
    });

    it('long polling through the documented configuration: every event once, in order', async () => {
      const { client } = await joined(documented!.url, { transport: 'long-poll' });
      await burstReaches(documented!.url, client);
      await client.conn.close();
    });

    it('WebSocket through the documented configuration: the upgrade passes, every event once, in order', async () => {
      const { client } = await joined(documented!.url, { transport: 'websocket', WebSocket });
      await vi.waitFor(() => expect(client.conn.transport).toBe('websocket'), {
        timeout: 10_000,
      });
      await burstReaches(documented!.url, client);
      expect(client.conn.transport).toBe('websocket');
      await client.conn.close();
    });

    it("nginx's defaults: a plain GET reaches _ws and is answered 426 UPGRADE_REQUIRED naming the proxy", async () => {
      const socket = new WebSocket(`${bare!.url.replace('http:', 'ws:')}/_ws`);
      const status = await new Promise<number>((resolve, reject) => {
        socket.once('unexpected-response', (_request, response) =>
          resolve(response.statusCode ?? 0),
        );
        socket.once('open', () => reject(new Error('the upgrade passed through nginx defaults')));
        socket.once('error', () => {});
      });
      expect(status).toBe(426);
      const plain = await fetch(`${bare!.url}/_ws`);
      expect(plain.status).toBe(426);
      expect(plain.headers.get('upgrade')).toBe('websocket');
      const body = (await plain.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('UPGRADE_REQUIRED');
      expect(body.error.message).toMatch(/proxy/);
    });

    it("nginx's defaults: an auto client falls back to long polling, says why, and receives everything", async () => {
      const fallbacks: { reason: string; hint: string }[] = [];
      const { client } = await joined(bare!.url, {
        transport: 'auto',
        WebSocket,
        onFallback: (fallback) => void fallbacks.push(fallback),
      });
      await vi.waitFor(() => expect(fallbacks.length).toBe(1), { timeout: 20_000 });
      expect(fallbacks[0]!.reason).toBe('upgrade-failed');
      expect(fallbacks[0]!.hint).toMatch(/proxy in front may drop the Upgrade/);
      expect(client.conn.transport).toBe('long-poll');
      await burstReaches(bare!.url, client);
      await client.conn.close();
    });
  });
});
