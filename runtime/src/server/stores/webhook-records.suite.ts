// The test suite every store's `webhooks` records pass (memory, SQLite, Redis), through the interface
// only: `runWebhookRecordsSuite('redis', (place) => redisStore({ prefix: place }), { durable: true })`.
// A `place` names where a store keeps its data; a store made again there sees the same records.
import { afterEach, describe, expect, it } from 'vitest';
import type { ClientStore } from './client-store.js';
import type { WebhookEndpointRecord } from './webhook-records.js';

/** What the store can do beyond the basics. */
export interface WebhookRecordsSuiteOptions {
  /** A store made again at the same place keeps the records (and, shared, other holders' leases). */
  readonly durable?: boolean;
  /** Two stores at one place may run at once (Redis): a lease held through one binds the other. */
  readonly shared?: boolean;
}

const record = (
  name: string,
  more: Partial<WebhookEndpointRecord> = {},
): WebhookEndpointRecord => ({
  name,
  client: `client-${name}`,
  callback: 1,
  iface: 'TickEvents',
  url: `https://example.com/${name}`,
  secrets: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'],
  failing: false,
  ...more,
});

export function runWebhookRecordsSuite(
  name: string,
  make: (place: string) => ClientStore,
  options: WebhookRecordsSuiteOptions = {},
): void {
  describe(`${name}: webhook records`, () => {
    const opened: ClientStore[] = [];
    let places = 0;
    const open = (place: string) => {
      const store = make(place);
      void store.start(
        { ttl: 60_000, maxQueue: 100, overflow: 'drop-oldest', now: Date.now },
        { appended() {}, released() {}, ended() {} },
      );
      opened.push(store);
      const records = store.webhooks;
      if (records === undefined) throw new Error(`${name} has no webhook records`);
      return { store, records };
    };
    const fresh = () => `webhooks-${++places}-${Date.now().toString(36)}`;
    afterEach(async () => {
      for (const store of opened.splice(0)) await store.stop();
    });

    it('puts, gets, lists and deletes records by name', async () => {
      const { records } = open(fresh());
      expect(await records.get('a')).toBeUndefined();
      await records.put(record('b'));
      await records.put(record('a'));
      await records.put(record('a', { failing: true }));
      expect(await records.get('a')).toEqual(record('a', { failing: true }));
      expect((await records.list()).map((r) => r.name)).toEqual(['a', 'b']);
      await records.delete('a');
      expect((await records.list()).map((r) => r.name)).toEqual(['b']);
    });

    it('leases an endpoint to one holder at a time, until it lapses or is given up', async () => {
      const { records } = open(fresh());
      expect(await records.lease('a', 'one', 60_000)).toBe(true);
      expect(await records.lease('a', 'two', 60_000)).toBe(false);
      // Renewed by its holder; other endpoints are leased apart.
      expect(await records.lease('a', 'one', 60_000)).toBe(true);
      expect(await records.lease('b', 'two', 60_000)).toBe(true);
      await records.unlease('a', 'two'); // not its holder: nothing happens
      expect(await records.lease('a', 'two', 60_000)).toBe(false);
      await records.unlease('a', 'one');
      expect(await records.lease('a', 'two', 50)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 120));
      expect(await records.lease('a', 'one', 60_000)).toBe(true);
    });

    if (options.durable === true)
      it('keeps records when the store is made again at the same place', async () => {
        const place = fresh();
        const first = open(place);
        await first.records.put(record('kept'));
        await first.store.stop();
        opened.splice(opened.indexOf(first.store), 1);
        const second = open(place);
        expect(await second.records.get('kept')).toEqual(record('kept'));
      });

    if (options.shared === true)
      it('binds every store at the place to one lease', async () => {
        const place = fresh();
        const [a, b] = [open(place), open(place)];
        expect(await a.records.lease('x', 'one', 60_000)).toBe(true);
        expect(await b.records.lease('x', 'two', 60_000)).toBe(false);
        await a.records.unlease('x', 'one');
        expect(await b.records.lease('x', 'two', 60_000)).toBe(true);
      });
  });
}
