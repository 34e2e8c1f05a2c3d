import type { WebhookEndpointRecord, WebhookRecords } from '../webhook-records.js';
import { LuaScript, type RedisCommands } from './lua-script.js';

/** Takes or renews the lease when it is free or already `holder`'s (KEYS[1] the lease, ARGV holder, ms). */
const leaseScript = new LuaScript(`
local held = redis.call('GET', KEYS[1])
if held == false or held == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0`);

/** Gives the lease up when `holder` has it. */
const unleaseScript = new LuaScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 0`);

/**
 * `WebhookRecords` in Redis, so every process sharing the store serves the
 * same endpoints: the records in one hash (`{prefix}webhooks`), each
 * endpoint's delivery lease in a key of its own that expires by itself
 * (`{prefix}webhook-lease:{name}`), so a process that died frees it after
 * the lease. Single-key commands and scripts: fine on a Cluster.
 */
export class RedisWebhookRecords implements WebhookRecords {
  constructor(
    private readonly redis: RedisCommands,
    private readonly prefix: string,
    /** Resolves once the store's connection is set up (its `start`). */
    private readonly ready: () => Promise<void>,
  ) {}

  async put(record: WebhookEndpointRecord): Promise<void> {
    await this.ready();
    await this.redis.hset(`${this.prefix}webhooks`, record.name, JSON.stringify(record));
  }

  async get(name: string): Promise<WebhookEndpointRecord | undefined> {
    await this.ready();
    const text = await this.redis.hget(`${this.prefix}webhooks`, name);
    return text === null ? undefined : (JSON.parse(text) as WebhookEndpointRecord);
  }

  async list(): Promise<WebhookEndpointRecord[]> {
    await this.ready();
    const all = await this.redis.hgetall(`${this.prefix}webhooks`);
    return Object.keys(all)
      .sort()
      .map((name) => JSON.parse(all[name] as string) as WebhookEndpointRecord);
  }

  async delete(name: string): Promise<void> {
    await this.ready();
    await this.redis.hdel(`${this.prefix}webhooks`, name);
    await this.redis.del(this.#leaseKey(name));
  }

  async lease(name: string, holder: string, ms: number): Promise<boolean> {
    await this.ready();
    return (await leaseScript.run(this.redis, this.#leaseKey(name), [holder, ms])) === 1;
  }

  async unlease(name: string, holder: string): Promise<void> {
    await this.ready();
    await unleaseScript.run(this.redis, this.#leaseKey(name), [holder]);
  }

  #leaseKey(name: string): string {
    return `${this.prefix}webhook-lease:${name}`;
  }
}
