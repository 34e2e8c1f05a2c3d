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
  type TopicInfo,
  type TopicPageRequest,
  tellFollowsChanged,
} from '../client-store.js';
import { readClientPage, readTopicPage } from './redis-inspect.js';
import { readCursor } from '../list-pages.js';
import { ReadResult } from '../read-result.js';
import { AppendBatches } from './append-batches.js';
import { OutageReport } from './outage-report.js';
import { openConnections, type RedisConnection } from './redis-connections.js';
import { RedisLayout, splitBatch, splitRecords, type RedisShard } from './redis-layout.js';
import { deliverNotice, disconnectNotice, logNotice, readerLetters } from './redis-notices.js';
import { RedisLogs } from './redis-logs.js';
import type {
  LogEnqueue,
  LogEnqueueRead,
  LogFollow,
  LogRetention,
  LogSlice,
} from '../log-store.js';
import {
  appendScript,
  claimScript,
  closeScript,
  enqueueScript,
  followScript,
  followsScript,
  joinScript,
  leaseScript,
  listClientsScript,
  listTopicsScript,
  leaveScript,
  openScript,
  readScript,
  readFollowingScript,
  registerScript,
  releaseScript,
  unfollowScript,
  sweepScript,
  touchScript,
} from './redis-scripts.js';
import type { LuaScript, RedisCommands, StoreScript } from './lua-script.js';
import { RedisWebhookRecords } from './redis-webhook-records.js';

/** Options of `redisStore`. */
export interface RedisStoreOptions {
  /**
   * A `redis://` URL, ioredis options, or an ioredis client whose settings
   * are copied; for a Redis Cluster (Redis 7), an ioredis `Cluster` (its
   * settings are copied too). Default: `redis://127.0.0.1:6379`.
   */
  readonly redis?: RedisConnection;
  /** Every key (and the notice channel) starts with it: one prefix per application. Default `contract-gen:`. */
  readonly prefix?: string;
  /**
   * On a Cluster, how many shards (hash tags, so slots) the clients are
   * spread over: the most masters the store's load can use, and the number
   * of script calls a topic publish or a sweep makes. Every store sharing
   * the prefix must give the same number (the first one records it; the
   * others refuse to start on another). Ignored on a single Redis. From 1
   * to 1024 (each shard's tag is searched for at startup in its
   * 1/shards of the slot range). Default 16.
   */
  readonly shards?: number;
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

/** The default `shards`. */
const SHARDS = 16;

/** Clients one sweep script ends at most (each end is a few commands; the script blocks Redis while it runs). */
const SWEEP_LIMIT = 500;

/**
 * Per-client state in Redis, shared by every server process that uses the
 * same Redis and prefix: a client opened on one process is served by any,
 * without sticky sessions. Each operation on a client is one Lua script
 * (atomic) on the client's shard (one Cluster slot; a single Redis has one
 * shard), so seqs stay unique and a client is ended once however many
 * processes sweep. Changes are announced on the shard's pub/sub channel
 * (sharded pub/sub on a Cluster), so a long poll parked on one process wakes
 * when another appends, and release hooks run where the stand-ins live.
 * Appends are grouped into script calls (`AppendBatches`), one per shard.
 */
export class RedisStore implements ClientStore {
  readonly #prefix: string;
  readonly #layout: RedisLayout;
  readonly #channels: ReadonlySet<string>;
  readonly #commands: RedisCommands;
  readonly #subscriber: RedisCommands;
  /** Names this store in notices, so it skips its own. */
  readonly #origin = newClientId();
  readonly #batches: AppendBatches;
  readonly #logs: RedisLogs;
  readonly #lease: number;
  /** Webhook endpoints and their delivery leases, shared by every process on the store (docs/webhooks.md). */
  readonly webhooks: RedisWebhookRecords;
  /** When this store last set its lease (its clock, `Date.now`): a registration renews it when older than a third of it. */
  #leaseSet = -Infinity;
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
    const shards = options.shards ?? SHARDS;
    if (!Number.isSafeInteger(shards) || shards < 1 || shards > 1024)
      throw new TypeError(
        `contract-gen: redisStore's shards must be an integer from 1 to 1024, not ${String(options.shards)}`,
      );
    const connections = openConnections(options.redis ?? 'redis://127.0.0.1:6379');
    ({ commands: this.#commands, subscriber: this.#subscriber } = connections);
    if (connections.cluster && /[{}]/.test(this.#prefix))
      throw new TypeError(
        `contract-gen: on a Redis Cluster, redisStore's prefix cannot hold { or } (the store adds its own hash tags), not ${JSON.stringify(this.#prefix)}`,
      );
    this.#layout = new RedisLayout(this.#prefix, shards, connections.cluster);
    this.webhooks = new RedisWebhookRecords(this.#commands, this.#prefix, () => this.#ready);
    this.#channels = new Set(this.#layout.shards.map((shard) => shard.channel));
    this.#batches = new AppendBatches(
      async (args) => {
        await this.#ready;
        // On a Cluster a batch is one script per shard, so not atomic: calls' answers are recorded
        // only once every shard stored its events (a call whose events were not all stored is run again).
        if (this.#layout.shards.length > 1) {
          const [events, records] = splitRecords(args);
          if (records.length > 0) {
            const stored = await this.#sendBatch(events);
            try {
              await this.#sendBatch(records);
            } catch (error) {
              this.#reportAppends(stored.appended, stored.ended);
              throw error;
            }
            return stored;
          }
        }
        return this.#sendBatch(args);
      },
      (appended, ended) => this.#reportAppends(appended, ended),
      (error) => this.#onError(error),
    );
    this.#logs = new RedisLogs(
      async () => {
        await this.#ready;
        return this.#commands;
      },
      this.#prefix,
      () => this.#config.now(),
      async (logs) => {
        for (const log of logs) this.#listener.logAppended?.(log);
        // Other processes hear of it on the first shard's channel (like a disconnect).
        const channel = this.#layout.shards[0]!.channel;
        for (const log of logs) {
          const notice = logNotice(this.#origin, log);
          if (this.#layout.cluster) await this.#commands.spublish(channel, notice);
          else await this.#commands.publish(channel, notice);
        }
      },
      (error) => this.#onError(error),
    );
    // ioredis reports connection trouble as 'error' events (one per failed reconnect while Redis is
    // down); without a listener it would print them itself. Each connection reports once per outage.
    for (const [connection, label] of [
      [this.#commands, 'the commands connection'],
      [this.#subscriber, 'the notices connection'],
    ] as const) {
      const outage = new OutageReport(label, (error) => this.#onError(error));
      connection.on('error', (error: unknown) => {
        if (this.#stopped === undefined) outage.failed(error);
      });
      connection.on('ready', () => outage.recovered());
    }
  }

  /** One append batch's arguments, one script call per shard (see AppendBatches, splitBatch). */
  async #sendBatch(
    args: readonly (string | number)[],
  ): Promise<{ appended: readonly string[]; ended: readonly string[] }> {
    const parts = [...splitBatch(this.#layout, args)].map(([shard, part]) =>
      this.#script(appendScript, shard, `${shard.prefix}active`, [
        this.#config.maxQueue,
        this.#config.overflow,
        this.#config.maxQueueBytes ?? '',
        ...part,
      ]),
    );
    const appended: string[] = [];
    const ended: string[] = [];
    let failed: { error: unknown } | undefined;
    for (const result of await Promise.allSettled(parts)) {
      if (result.status === 'rejected') failed ??= { error: result.reason };
      else {
        const [a, e] = result.value as [string, string];
        appended.push(...ids(a));
        ended.push(...ids(e));
      }
    }
    // Shards that stored their part are reported even when another failed (the batch then fails).
    if (failed === undefined) return { appended, ended };
    this.#reportAppends(appended, ended);
    throw failed.error;
  }

  #reportAppends(appended: readonly string[], ended: readonly string[]): void {
    for (const client of ended) this.#listener.ended(client, 'overflow');
    for (const client of appended) this.#listener.appended(client);
  }

  /**
   * Subscribes to the notices; resolves once subscribed (or the attempt
   * failed: it is retried on reconnect). On a Cluster, first checks that
   * every store on the prefix uses the same shards, and rejects if not.
   */
  start(config: StoreConfig, listener: StoreListener): Promise<void> {
    this.#config = config;
    this.#listener = listener;
    if (config.onError !== undefined) this.#onError = config.onError;
    const deliver = (from: string, message: string) => {
      if (this.#channels.has(from) && !deliverNotice(message, this.#origin, this.#listener))
        this.#onError(
          new Error(
            `contract-gen redis store: unreadable notice ${JSON.stringify(message.slice(0, 200))}`,
          ),
        );
    };
    this.#subscriber.on(this.#layout.cluster ? 'smessage' : 'message', deliver);
    this.#ready = this.#layout.cluster
      ? this.#checkCluster().then(() => this.#subscribe())
      : this.#subscribe();
    // Notices published while the subscriber was reconnecting are lost: once it listens again, every
    // reader here reads again (a parked poll or a socket would otherwise wait for the next append).
    this.#ready.then(
      () =>
        this.#subscriber.on('ready', () => {
          void this.#subscribe().then(() => this.#listener.missed?.());
        }),
      () => {},
    );
    // A refused setup rejects here, and every operation fails with it (they wait for #ready).
    return this.#ready;
  }

  /**
   * `checkCluster` until the cluster answers: a server started while a master is down (CLUSTERDOWN, a
   * refused connection) waits for it, reporting each failure, instead of failing for good. A refused
   * setup (`RefusedSetup`) is final.
   */
  async #checkCluster(): Promise<void> {
    for (let pause = 250; ; pause = Math.min(pause * 2, 5_000)) {
      try {
        return await checkCluster(this.#commands, this.#layout);
      } catch (error) {
        if (error instanceof RefusedSetup || this.#stopped !== undefined) throw error;
        this.#onError(error);
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
  }

  #subscribe(): Promise<void> {
    const channels = [...this.#channels];
    // A Cluster's channels are in as many slots: one SSUBSCRIBE each (ioredis sends it to the slot's node).
    const subscribed = this.#layout.cluster
      ? Promise.all(channels.map((channel) => this.#subscriber.ssubscribe(channel)))
      : this.#subscriber.subscribe(...channels);
    return subscribed.then(
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
    // Every store listens on every shard's channel: the first shard's will do.
    const { channel } = this.#layout.shards[0]!;
    const notice = disconnectNotice(this.#origin, target, id, reason);
    if (this.#layout.cluster) await this.#commands.spublish(channel, notice);
    else await this.#commands.publish(channel, notice);
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
    return (
      (await this.#commands.get(`${this.#layout.shardOf(client).prefix}o:${client}`)) ?? undefined
    );
  }

  async touch(client: string): Promise<ClientStatus> {
    return (await this.#run(touchScript, client)) as ClientStatus;
  }

  async register(client: string, callback: number): Promise<ClientStatus> {
    // The lease first: a sweep elsewhere releases the holdings of a store whose lease it cannot see.
    if (Date.now() - this.#leaseSet > this.#lease / 3) await this.#renewLease();
    return (await this.#run(registerScript, client, callback)) as ClientStatus;
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

  async logEnqueueRead(
    client: string,
    after: number,
    max: number,
    from: number | undefined,
    ranges: readonly LogEnqueue[],
  ): Promise<LogEnqueueRead> {
    const { maxQueue, overflow, maxQueueBytes } = this.#config;
    const args: (string | number)[] = [
      after,
      max,
      from !== undefined && from > after ? from : after,
      this.#config.maxBatchChars ?? '',
      maxQueue,
      overflow,
      maxQueueBytes ?? '',
    ];
    for (const r of ranges) args.push(r.callback, r.expect, r.next, r.epoch, r.payload);
    const [status, a, b, reason, moved, ...events] = (await this.#run(
      readFollowingScript,
      client,
      ...args,
    )) as [string, number | string, number, string, string, ...string[]];
    if (status !== 'live') {
      if (a === 'now') this.#listener.ended(client, 'overflow');
      return { result: ReadResult.ended(status as EndReason | 'unknown'), moved: [] };
    }
    const flags = [...moved].map((flag) => flag === '1');
    if (b === 0) return { result: ReadResult.live(events), moved: flags };
    const gap: WireGap = {
      from: a as number,
      to: b,
      count: reason === 'lost' ? 0 : b - (a as number) + 1,
      reason,
    };
    return { result: ReadResult.live(events, gap), moved: flags };
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
    return (await this.#runAbout(client, joinScript, topic, client, callback, iface)) === 1;
  }

  async leave(topic: string, client: string, callback: number): Promise<boolean> {
    return (await this.#runAbout(client, leaveScript, topic, client, callback)) === 1;
  }

  async topicSize(topic: string): Promise<number> {
    await this.#ready;
    const sizes = await Promise.all(
      this.#layout.shards.map((shard) => this.#commands.hlen(`${shard.prefix}t:${topic}`)),
    );
    return sizes.reduce((sum, size) => sum + size, 0);
  }

  publish(topic: string, iface: string, body: string): void {
    this.#batches.publish(topic, iface, body);
  }

  logAppend(log: string, body: string, retention: LogRetention): void {
    this.#logs.append(log, body, retention);
  }

  logRead(log: string, after: number, max: number): Promise<LogSlice> {
    return this.#logs.read(log, after, max);
  }

  async logFollow(
    log: string,
    client: string,
    callback: number,
    next: number,
    epoch: string,
  ): Promise<boolean> {
    // The script tells the other processes; here its reader reads again (a read before found nothing to follow).
    const follows = (await this.#run(followScript, client, callback, log, next, epoch)) === 1;
    if (follows) tellFollowsChanged(this.#listener, client);
    return follows;
  }

  async logUnfollow(client: string, callback: number): Promise<boolean> {
    // The script tells the other processes; here the log feed asks the client's follows again.
    const unfollowed = (await this.#run(unfollowScript, client, callback)) === 1;
    if (unfollowed) tellFollowsChanged(this.#listener, client);
    return unfollowed;
  }

  async logFollows(client: string): Promise<readonly LogFollow[]> {
    const values = (await this.#run(followsScript, client)) as string[];
    return values.map((value) => {
      const [callback, next, epoch] = value.split(' ', 3) as [string, string, string];
      const log = value.slice(callback.length + next.length + epoch.length + 3);
      return { log, callback: Number(callback), next: Number(next), epoch };
    });
  }

  async logEnqueue(
    client: string,
    callback: number,
    expect: number,
    next: number,
    epoch: string,
    payload: string,
  ): Promise<boolean> {
    const { maxQueue, overflow, maxQueueBytes } = this.#config;
    const done = Number(
      await this.#runAbout(
        client,
        enqueueScript,
        maxQueue,
        overflow,
        maxQueueBytes ?? '',
        client,
        callback,
        expect,
        next,
        epoch,
        payload,
      ),
    );
    if (done === 2) this.#listener.ended(client, 'overflow');
    else if (done === 1) this.#listener.appended(client);
    return done !== 0;
  }

  /**
   * On a Cluster, the events `run` makes form a group each shard stores once (see
   * AppendBatches.group): a resent call's events are stored where its first sending did not
   * store them, and not again where it did. On a single Redis a batch is one script (atomic) and
   * the call's answer is recorded in it: nothing to group.
   */
  withCall<T>(client: string, call: string, run: () => T): T {
    if (this.#layout.shards.length === 1) return run();
    return this.#batches.group(`${client}:${call}`, run);
  }

  recordCall(client: string, call: string, answer: string): void {
    this.#batches.record(client, call, answer);
  }

  async recordedCall(client: string, call: string): Promise<string | undefined> {
    await this.#ready;
    const key = `${this.#layout.shardOf(client).prefix}k:${client}`;
    return (await this.#commands.hget(key, call)) ?? undefined;
  }

  async close(client: string): Promise<ClientStatus> {
    const status = (await this.#run(closeScript, client)) as ClientStatus;
    if (status === 'live') this.#listener.ended(client, 'closed');
    return status;
  }

  /** Sweeps each shard in turn (one script call per shard and SWEEP_LIMIT clients), then the leases. */
  async sweep(now: number): Promise<void> {
    for (const shard of this.#layout.shards) {
      let ended: string[];
      do {
        await this.#ready;
        ended = (await this.#shardScript(sweepScript).run(this.#commands, `${shard.prefix}active`, [
          shard.prefix,
          this.#origin,
          now,
          this.#config.ttl,
          SWEEP_LIMIT,
        ])) as string[];
        for (const client of ended) this.#listener.ended(client, 'expired');
      } while (ended.length === SWEEP_LIMIT);
    }
    await this.#leases('renew', 'server-restart');
  }

  /** A drain: what this process holds is released now, with notices, rather than when its lease lapses. */
  async retire(reason: ReleaseNoticeReason): Promise<void> {
    await this.#leases('retire', reason);
    await this.#batches.flush();
  }

  /**
   * Renews this store's lease and releases what dead ones held, or
   * (`retire`) releases what this one holds: the lease keys with plain
   * commands, the holdings shard by shard (leaseScript). A dead store leaves
   * the set of leases only once every shard has released its holdings, so a
   * sweep cut short is finished by the next one.
   */
  async #leases(mode: 'renew' | 'retire', reason: ReleaseNoticeReason): Promise<void> {
    await this.#ready;
    let gone: string[];
    if (mode === 'retire') {
      this.#leaseSet = -Infinity;
      await this.#commands.del(this.#leaseKey(this.#origin));
      gone = [this.#origin];
    } else gone = await this.#deadLeases();
    const byClient = new Map<string, number[]>();
    for (const shard of this.#layout.shards) {
      const args = mode === 'retire' ? ['retire'] : ['renew', ...gone];
      const released = (await this.#script(
        leaseScript,
        shard,
        `${shard.prefix}active`,
        args,
      )) as string[];
      for (let i = 0; i + 1 < released.length; i += 2) {
        const client = released[i] as string;
        const ids = byClient.get(client) ?? byClient.set(client, []).get(client)!;
        ids.push(Number(released[i + 1]));
      }
    }
    if (gone.length > 0) await this.#commands.srem(`${this.#prefix}leases`, ...gone);
    for (const [client, ids] of byClient) {
      ids.sort((x, y) => x - y); // one order whatever the set gave
      for (const id of ids) this.append(client, releaseNotice(id, reason));
      this.#listener.released(client, ids);
    }
  }

  /** Sets this store's lease (for `lease` ms) and keeps it in the set of leases. */
  async #renewLease(): Promise<void> {
    const started = Date.now();
    const leases = `${this.#prefix}leases`;
    await Promise.all([
      this.#commands.set(this.#leaseKey(this.#origin), 1, 'PX', this.#lease),
      this.#commands.sadd(leases, this.#origin),
    ]);
    await this.#commands.pexpire(leases, 2 * this.#config.ttl);
    this.#leaseSet = started;
  }

  /** Renews this store's lease; the other stores in the set of leases whose lease lapsed (they died). */
  async #deadLeases(): Promise<string[]> {
    await this.#renewLease();
    const others = (await this.#commands.smembers(`${this.#prefix}leases`)).filter(
      (origin) => origin !== this.#origin,
    );
    const alive = await Promise.all(
      others.map((origin) => this.#commands.exists(this.#leaseKey(origin))),
    );
    return others.filter((_, i) => alive[i] === 0);
  }

  #leaseKey(origin: string): string {
    return `${this.#prefix}L:${origin}`;
  }

  async flush(): Promise<void> {
    await Promise.all([this.#batches.flush(), this.#logs.flush()]);
  }

  /** Redis `PING` on the command connection (waits while it reconnects: `_ready` bounds the wait). */
  async ping(): Promise<void> {
    await this.#ready;
    await this.#commands.ping();
  }

  /** Per shard, most recently active first; on a Cluster the shards' first pages are merged by last activity. */
  async listClients(page: ClientPageRequest): Promise<ClientPage> {
    await this.#ready;
    const offset = readCursor(page.cursor);
    const { shards } = this.#layout;
    if (shards.length === 1) {
      const shard = shards[0]!;
      const reply = (await this.#script(listClientsScript, shard, `${shard.prefix}active`, [
        offset,
        page.limit,
      ])) as unknown[];
      return readClientPage(reply, page);
    }
    // Each shard's first offset + limit clients: the merged page is among them.
    const pages = await Promise.all(
      shards.map(async (shard) =>
        readClientPage(
          (await this.#script(listClientsScript, shard, `${shard.prefix}active`, [
            0,
            offset + page.limit,
          ])) as unknown[],
          { limit: offset + page.limit },
        ),
      ),
    );
    const total = pages.reduce((sum, one) => sum + one.total, 0);
    const clients = pages
      .flatMap((one) => one.clients)
      // As ZREVRANGE orders one shard: newest first, equal times by id from the last.
      .sort((x, y) => y.lastSeen - x.lastSeen || (x.id < y.id ? 1 : -1))
      .slice(offset, offset + page.limit);
    const to = offset + page.limit;
    return to < total ? { clients, total, next: String(to) } : { clients, total };
  }

  /**
   * From each shard's `topics` index, by name; on a Cluster the shards' pages are merged (a topic's
   * size is the sum of its shards' parts). Topics that had no join since the index was added (an
   * older version's) are not listed until their next join.
   */
  async listTopics(page: TopicPageRequest): Promise<TopicPage> {
    await this.#ready;
    const pages = await Promise.all(
      this.#layout.shards.map(async (shard) =>
        readTopicPage(
          (await this.#script(listTopicsScript, shard, `${shard.prefix}topics`, [
            page.cursor ?? '',
            page.limit,
            page.members,
          ])) as unknown[],
        ),
      ),
    );
    if (pages.length === 1) return pages[0]!;
    const byName = new Map<string, TopicInfo>();
    for (const one of pages)
      for (const topic of one.topics) {
        const seen = byName.get(topic.name);
        byName.set(
          topic.name,
          seen === undefined
            ? topic
            : {
                name: topic.name,
                size: seen.size + topic.size,
                members: [...seen.members, ...topic.members].slice(0, page.members),
              },
        );
      }
    const names = [...byName.keys()].sort();
    const topics = names.slice(0, page.limit).map((name) => byName.get(name)!);
    const more = names.length > page.limit || pages.some((one) => one.next !== undefined);
    const last = topics.at(-1);
    return more && last !== undefined ? { topics, next: last.name } : { topics };
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

  /** Runs a script whose first own argument is client `client`, on the client's shard. */
  #run(script: StoreScript, client: string, ...args: (string | number)[]): Promise<unknown> {
    return this.#runAbout(client, script, client, ...args);
  }

  /** Runs a script with arguments `args` on the shard of client `client`. */
  async #runAbout(
    client: string,
    script: StoreScript,
    ...args: (string | number)[]
  ): Promise<unknown> {
    await this.#ready;
    const shard = this.#layout.shardOf(client);
    return this.#script(script, shard, `${shard.prefix}c:${client}`, args);
  }

  /** Runs a script on `shard`, routed by `key` (one of the shard's keys), with the arguments every script starts with (see redis-scripts.ts), then `args`. */
  #script(
    script: StoreScript,
    shard: RedisShard,
    key: string,
    args: readonly (string | number)[],
  ): Promise<unknown> {
    return this.#shardScript(script).run(this.#commands, key, [
      shard.prefix,
      this.#origin,
      this.#config.now(),
      this.#config.ttl,
      ...args,
    ]);
  }

  /** The form of the script for this store's Redis (SPUBLISH on a Cluster). */
  #shardScript(script: StoreScript): LuaScript {
    return this.#layout.cluster ? script.sharded : script.plain;
  }
}

/**
 * Refuses a Cluster older than Redis 7 (no sharded pub/sub). Records the
 * shard count on the prefix (`{P}layout`), or checks it against the one
 * recorded: stores that split clients differently would not see each
 * other's clients. Also refuses a prefix that holds keys of the single-Redis
 * layout (an `{P}active` sweep index), which a Cluster store would not see.
 */
/** A Cluster setup the store refuses (not a passing failure of the cluster). */
class RefusedSetup extends Error {}

async function checkCluster(commands: RedisCommands, layout: RedisLayout): Promise<void> {
  const version = /redis_version:(\d+)/.exec(await commands.info('server'))?.[1];
  if (version !== undefined && Number(version) < 7)
    throw new RefusedSetup(
      `contract-gen redis store: a Redis Cluster needs Redis 7 or later (sharded pub/sub), and this one runs Redis ${version}: ` +
        'upgrade the cluster, or give redisStore a single Redis 6.2+ instead',
    );
  const key = `${layout.prefix}layout`;
  const want = `shards ${layout.shards.length}`;
  await commands.set(key, want, 'NX');
  const have = await commands.get(key);
  if (have !== want)
    throw new RefusedSetup(
      `contract-gen redis store: the prefix ${JSON.stringify(layout.prefix)} is used with ${String(have)} on this Cluster, ` +
        `and this store was given ${want}: give every store on a prefix the same redisStore({ shards }), or use another prefix`,
    );
  if ((await commands.exists(`${layout.prefix}active`)) === 1)
    throw new RefusedSetup(
      `contract-gen redis store: the prefix ${JSON.stringify(layout.prefix)} holds keys of the single-Redis layout ` +
        `(${layout.prefix}active), which a Cluster store does not read: use another prefix (see docs/redis.md)`,
    );
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
