// Exactly once through a resent call (docs/protocol.md, "Calls sent again"): a publish call runs on
// process A, which stores its events and answers; A is SIGKILLed and the answer never reaches the
// caller. The client sends the call again, with the same call id, and it lands on process B (A is
// gone). B finds the answer A recorded in Redis, with the events, and answers it without running the
// call again: the subscriber gets every event once. The same resend without a call id (a client in
// another language that sends none) runs again, and the subscriber sees the repeat: what the id prevents.
import { expect, it, vi } from 'vitest';
import { connect } from '../../runtime/src/client/index.js';
import { feedClient, publish } from '../stores/feed-client.js';
import { RoomService } from '../stores/feed.js';
import { describeWithRedis, redisPrefix, redisTarget } from '../stores/redis-target.js';
import { serverProcesses } from '../stores/server-process.js';

describeWithRedis(
  'a call whose answer was lost with its process is sent again, and not run again',
  () => {
    const processes = serverProcesses();

    async function twoProcesses() {
      const env = { STORE: 'redis', REDIS_URL: redisTarget.url, PREFIX: redisPrefix('resend') };
      const [a, b] = [await processes.start(env), await processes.start(env)];
      const subscriber = feedClient(b.url);
      await subscriber.join();
      return { a, b, subscriber };
    }

    it('the resend (same call id) lands on the other process, which answers what the first run answered; every event arrives once', async () => {
      const { a, b, subscriber } = await twoProcesses();
      const sent: { to: string; call: string | null }[] = [];
      // Requests go to A until A has answered a publish: then A is SIGKILLed, its answer dropped, and
      // every later request goes to B.
      let target = a;
      const fetchVia: typeof fetch = async (input, init) => {
        const url = new URL(input instanceof Request ? input.url : input);
        const to = target;
        const isPublish = url.pathname === '/Room/publish';
        if (isPublish)
          sent.push({ to: to.url, call: new Headers(init?.headers).get('x-contract-call') });
        const response = await fetch(`${to.url}${url.pathname}${url.search}`, init);
        if (!(isPublish && to === a)) return response;
        await response.text();
        target = b;
        await a.kill('SIGKILL');
        throw new TypeError('fetch failed (the process died before its answer arrived)');
      };
      const publisher = connect('http://cluster.invalid', {
        fetch: fetchVia,
        resendCalls: 3,
        backoff: { initial: 25, max: 100, jitter: 0 },
      });
      try {
        await expect(publisher.call<number>(RoomService, 'publish', [1, 5])).resolves.toBe(5);
        // Sent twice, with one call id: first to A (which ran it), then to B.
        expect(sent.map((s) => s.to)).toEqual([a.url, b.url]);
        expect(sent[0]!.call).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
        expect(sent[1]!.call).toBe(sent[0]!.call);
        // A later call runs as usual (on B), and the subscriber has every event once, in order.
        await expect(publisher.call<number>(RoomService, 'publish', [6, 5])).resolves.toBe(10);
        await vi.waitFor(() => expect(subscriber.received.length).toBeGreaterThanOrEqual(10), {
          timeout: 15_000,
        });
        await new Promise((resolve) => setTimeout(resolve, 300)); // a repeat would have arrived by now
        expect(subscriber.received).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        expect(subscriber.errors).toEqual([]);
        expect(subscriber.gaps).toEqual([]);
      } finally {
        await publisher.close();
        await subscriber.conn.close();
      }
    });

    it('without a call id the resend runs again: the subscriber sees the repeat', async () => {
      const { a, b, subscriber } = await twoProcesses();
      try {
        // The first sending ran on A (its answer lost with A), the second on B: two runs.
        expect(await publish(a.url, 1, 5, 'Room')).toBe(5);
        await a.kill('SIGKILL');
        expect(await publish(b.url, 1, 5, 'Room')).toBe(5);
        await vi.waitFor(() => expect(subscriber.received).toHaveLength(10), { timeout: 15_000 });
        expect(subscriber.received).toEqual([1, 2, 3, 4, 5, 1, 2, 3, 4, 5]);
      } finally {
        await subscriber.conn.close();
      }
    });
  },
);
