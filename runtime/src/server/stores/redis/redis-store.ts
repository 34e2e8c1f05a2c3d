import type { Redis } from 'ioredis';
import type { WireGap } from '../../../protocol/messages.js';
import { newClientId } from '../client-id.js';
import {
  releaseNotice,
  type ClientPage,
  type ClientPageRequest,
  type ClientStatus,
  type ClientStore,
  type DisconnectTarget,
  type EndReason,
  type ReaderKind,
  type ReleaseNoticeReason,
  type StoreConfig,
  type StoreListener,
  type TopicPage,
  type TopicPageRequest,
} from '../client-store.js';
import { readClientPage, readTopicPage } from './redis-inspect.js';
import { readCursor } from '../list-pages.js';
import { ReadResult } from '../read-result.js';
import { AppendBatches } from './append-batches.js';
import { openConnections, type RedisConnection } from './redis-connections.js';
import { deliverNotice, disconnectNotice, readerLetters } from './redis-notices.js';
import {
  appendScript,
  claimScript,
  closeScript,
  joinScript,
  leaseScript,
  listClientsScript,
  listTopicsScript,
  leaveScript,
  openScript,
  readScript,
  registerScript,
  releaseScript,
  sweepScript,
  touchScript,
} from './redis-scripts.js';
import type { LuaScript } from './lua-script.js';

/** Options of `redisStore`. */
export interface RedisStoreOptions {
  /** A `redis://` URL, ioredis options, or an ioredis client whose settings are copied. Default: `redis://127.0.0.1:6379`. */
  readonly redis?: RedisConnection;
  /** Every key (and the notice channel) starts with it: one prefix per application. Default `contract-gen:`. */
  readonly prefix?: string;
  /**
   * Milliseconds this process's lease lasts without renewal (its expiry
   * sweeps renew it about once a second). When a process dies (SIGKILL, a
   * crash) its lease lapses, and the next sweep of any process sharing the
   * store releases the callbacks it held in memory, with a release notice to
   * their clients (reason `server-restart`). Default 10,000.
   */
  readonly lease?: number;
}

/** The default `lease`. */
const LEASE_MS = 10_000;

/** Clients one sweep script ends at most (each end is a few commands; the script blocks Redis while it runs). */
const SWEEP_LIMIT = 500;

/**
 * Per-client state in Redis, shared by every server process that uses the
 * same Redis and prefix: a client opened on one process is served by any,
 * without sticky sessions. Each operation is one Lua script (atomic), so
 * seqs stay unique and a client is ended once however many processes sweep.
 * Changes are announced on a pub/sub channel, so a long poll parked on one
 * process wakes when another appends, and release hooks run where the
 * stand-ins live. Appends are grouped into script calls (`AppendBatches`).
 */
export class RedisStore implements ClientStore {
  readonly #prefix: string;
  readonly #channel: string;
  readonly #commands: Redis;
  readonly #subscriber: Redis;
  /** Names this store in notices, so it skips its own. */
  readonly #origin = newClientId();
  readonly #batches: AppendBatches;
  readonly #lease: number;
  #config: StoreConfig = { ttl: 300_000, maxQueue: 10_000, overflow: 'drop-oldest', now: Date.now };
  #listener: StoreListener = { appended() {}, released() {}, ended() {} };
  #onError: (error: unknown) => void = (error) => console.error('contract-gen redis store:', error);
  #stopped: Promise<void> | undefined;
  /**
   * Settles once the store listens to other processes' notices. Every call
   * waits for it: a poll that parks after its read cannot miss the notice
   * of an append that read did not see.
   */
  #ready: Promise<void> = Promise.resolve();

  constructor(options: RedisStoreOptions = {}) {
    this.#prefix = options.prefix ?? 'contract-gen:';
    this.#lease = options.lease ?? LEASE_MS;
    if (!Number.isSafeInteger(this.#lease) || this.#lease <= 0)
      throw new TypeError(
        `contract-gen: redisStore's lease must be a positive integer (ms), not ${String(options.lease)}`,
      );
    this.#channel = `${this.#prefix}notices`;
    ({ commands: this.#commands, subscriber: this.#subscriber } = openConnections(
      options.redis ?? 'redis://127.0.0.1:6379',
    ));
    this.#batches = new AppendBatches(
      async (args) => {
        await this.#ready;
        const [appended, ended] = (await appendScript.run(
          this.#commands,
          this.#args(
            this.#config.maxQueue,
            this.#config.overflow,
            this.#config.maxQueueBytes ?? '',
            ...args,
          ),
        )) as [string, string];
        return { appended: ids(appended), ended: ids(ended) };
      },
      (appended, ended) => {
        for (const client of ended) this.#listener.ended(client, 'overflow');
        for (const client of appended) this.#listener.appended(client);
      },
      (error) => this.#onError(error),
    );
    // ioredis reports connection trouble as 'error' events; without a listener it would print them itself.
    for (const connection of [this.#commands, this.#subscriber])
      connection.on('error', (error: unknown) => {
        if (this.#stopped === undefined) this.#onError(error);
      });
  }

  /** Subscribes to the notices; resolves once subscribed (or the attempt failed: it is retried on reconnect). */
  start(config: StoreConfig, listener: StoreListener): Promise<void> {
    this.#config = config;
    this.#listener = listener;
    if (config.onError !== undefined) this.#onError = config.onError;
    this.#subscriber.on('message', (from: string, message: string) => {
      if (from === this.#channel && !deliverNotice(message, this.#origin, this.#listener))
        this.#onError(
          new Error(
            `contract-gen redis store: unreadable notice ${JSON.stringify(message.slice(0, 200))}`,
          ),
        );
    });
    this.#ready = this.#subscribe();
    return this.#ready;
  }

  #subscribe(): Promise<void> {
    return this.#subscriber.subscribe(this.#channel).then(
      () => undefined,
      (error: unknown) => {
        if (this.#stopped !== undefined) return;
        this.#onError(error);
        // ioredis resubscribes by itself only to channels it once subscribed to.
        this.#subscriber.once('ready', () => void this.#subscribe());
      },
    );
  }

  /** Publishes the disconnect on the notice channel: every other process using this prefix ends the connections too. */
  async announceDisconnect(
    target: DisconnectTarget,
    id: string,
    reason: string | undefined,
  ): Promise<void> {
    await this.#ready;
    await this.#commands.publish(this.#channel, disconnectNotice(this.#origin, target, id, reason));
  }

  /** A reader claim (see `claimScript`): other processes hear of it only when the last claim of its kind was theirs. */
  async claimReader(client: string, reader: ReaderKind): Promise<number> {
    return Number(await this.#run(claimScript, client, readerLetters[reader]));
  }

  async open(client: string, owner?: string): Promise<void> {
    await this.#run(openScript, client, owner ?? '');
  }

  async owner(client: string): Promise<string | undefined> {
    await this.#ready;
    return (await this.#commands.get(`${this.#prefix}o:${client}`)) ?? undefined;
  }

  async touch(client: string): Promise<ClientStatus> {
    return (await this.#run(touchScript, client)) as ClientStatus;
  }

  async register(client: string, callback: number): Promise<ClientStatus> {
    return (await this.#run(registerScript, client, callback, this.#lease)) as ClientStatus;
  }

  append(client: string, payload: string): void {
    this.#batches.add(client, payload);
  }

  async read(client: string, after: number, max: number, from?: number): Promise<ReadResult> {
    const [status, a, b, reason, ...events] = (await this.#run(
      readScript,
      client,
      after,
      max,
      from !== undefined && from > after ? from : after,
      this.#config.maxBatchChars ?? '',
    )) as [string, number, number, string, ...string[]];
    if (status !== 'live') return ReadResult.ended(status as EndReason | 'unknown');
    if (b === 0) return ReadResult.live(events);
    // A lost gap is one placeholder seq: how many events were lost is not known (see WireGap).
    const gap: WireGap = { from: a, to: b, count: reason === 'lost' ? 0 : b - a + 1, reason };
    return ReadResult.live(events, gap);
  }

  async release(client: string, callbacks: readonly number[]): Promise<ClientStatus> {
    const [status, list] = (await this.#run(releaseScript, client, ...callbacks)) as [
      ClientStatus,
      string?,
    ];
    if (list !== undefined && list !== '')
      this.#listener.released(client, list.split(',').map(Number));
    return status;
  }

  async join(topic: string, client: string, callback: number, iface: string): Promise<boolean> {
    return (await this.#run(joinScript, topic, client, callback, iface)) === 1;
  }

  async leave(topic: string, client: string, callback: number): Promise<boolean> {
    return (await this.#run(leaveScript, topic, client, callback)) === 1;
  }

  async topicSize(topic: string): Promise<number> {
    await this.#ready;
    return this.#commands.hlen(`${this.#prefix}t:${topic}`);
  }

  publish(topic: string, iface: string, body: string): void {
    this.#batches.publish(topic, iface, body);
  }

  async close(client: string): Promise<ClientStatus> {
    const status = (await this.#run(closeScript, client)) as ClientStatus;
    if (status === 'live') this.#listener.ended(client, 'closed');
    return status;
  }

  async sweep(now: number): Promise<void> {
    let ended: string[];
    do {
      await this.#ready;
      ended = (await sweepScript.run(this.#commands, [
        this.#prefix,
        this.#origin,
        now,
        this.#config.ttl,
        SWEEP_LIMIT,
      ])) as string[];
      for (const client of ended) this.#listener.ended(client, 'expired');
    } while (ended.length === SWEEP_LIMIT);
    await this.#leases('renew', 'server-restart');
  }

  /** A drain: what this process holds is released now, with notices, rather than when its lease lapses. */
  async retire(reason: ReleaseNoticeReason): Promise<void> {
    await this.#leases('retire', reason);
    await this.#batches.flush();
  }

  /** Renews this store's lease and releases what dead ones held, or (`retire`) releases what this one holds. */
  async #leases(mode: 'renew' | 'retire', reason: ReleaseNoticeReason): Promise<void> {
    const released = (await this.#run(leaseScript, this.#lease, mode)) as string[];
    const byClient = new Map<string, number[]>();
    for (let i = 0; i + 1 < released.length; i += 2) {
      const client = released[i] as string;
      const id = Number(released[i + 1]);
      const ids = byClient.get(client) ?? byClient.set(client, []).get(client)!;
      ids.push(id);
    }
    for (const [client, ids] of byClient) {
      ids.sort((x, y) => x - y); // one order whatever the set gave
      for (const id of ids) this.append(client, releaseNotice(id, reason));
      this.#listener.released(client, ids);
    }
  }

  flush(): Promise<void> {
    return this.#batches.flush();
  }

  /** Redis `PING` on the command connection (waits while it reconnects: `_ready` bounds the wait). */
  async ping(): Promise<void> {
    await this.#ready;
    await this.#commands.ping();
  }

  async listClients(page: ClientPageRequest): Promise<ClientPage> {
    const offset = readCursor(page.cursor);
    const reply = (await this.#run(listClientsScript, offset, page.limit)) as unknown[];
    return readClientPage(reply, page);
  }

  /** From the `{prefix}topics` index: topics that had no join since it was added (an older version's) are not listed until their next join. */
  async listTopics(page: TopicPageRequest): Promise<TopicPage> {
    const reply = (await this.#run(
      listTopicsScript,
      page.cursor ?? '',
      page.limit,
      page.members,
    )) as unknown[];
    return readTopicPage(reply);
  }

  /** Sends pending appends, then closes both connections (idempotent). */
  stop(): Promise<void> {
    this.#stopped ??= (async () => {
      try {
        await this.#batches.flush();
      } finally {
        this.#subscriber.disconnect();
        await this.#commands.quit().catch(() => this.#commands.disconnect());
      }
    })();
    return this.#stopped;
  }

  async #run(script: LuaScript, ...args: (string | number)[]): Promise<unknown> {
    await this.#ready;
    return script.run(this.#commands, this.#args(...args));
  }

  /** The arguments every script starts with (see redis-scripts.ts), then `args`. */
  #args(...args: (string | number)[]): (string | number)[] {
    return [this.#prefix, this.#origin, this.#config.now(), this.#config.ttl, ...args];
  }
}

function ids(list: string): string[] {
  return list === '' ? [] : list.split(' ');
}

/**
 * A store that keeps clients and their queues in Redis, shared by several
 * server processes (`ioredis` must be installed):
 *
 * ```ts
 * import { redisStore } from '@contract-gen/runtime/server/redis';
 * createServer({ services, events: { store: redisStore({ redis: 'redis://10.0.0.5:6379', prefix: 'chat:' }) } });
 * ```
 *
 * Connects at once; calls wait for the connection (ioredis queues them).
 */
export function redisStore(options: RedisStoreOptions = {}): ClientStore {
  return new RedisStore(options);
}
