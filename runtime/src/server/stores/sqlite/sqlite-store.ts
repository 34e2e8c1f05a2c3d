import type Database from 'better-sqlite3';
import { TopicMembers } from '../topic-members.js';
import {
  eventJson,
  entryCallback,
  releaseNotice,
  staleNotice,
  topicPayload,
  type ReleaseNoticeReason,
  type ClientPage,
  type ClientPageRequest,
  type ClientStatus,
  type ClientStore,
  type EndReason,
  type QueueStats,
  type StoreConfig,
  type StoreListener,
  type TopicPage,
  type TopicPageRequest,
  REMEMBERED_CALLS,
  tellFollowsChanged,
} from '../client-store.js';
import { pageClients } from '../list-pages.js';
import { ReadResult } from '../read-result.js';
import { GroupCommit } from './group-commit.js';
import { loadClients, type Tombstone } from './load-clients.js';
import { openDatabase } from './open-database.js';
import { SqliteClient } from './sqlite-client.js';
import { SqliteLogs } from './sqlite-logs.js';
import { FollowTable } from '../memory-logs.js';
import type { LogFollow, LogRetention, LogSlice } from '../log-store.js';
import type { SqliteStoreOptions } from './sqlite-store-options.js';
import { prepareStatements, type SqliteStatements } from './sqlite-statements.js';
import { SqliteWebhookRecords } from './sqlite-webhook-records.js';

/**
 * Per-client state in an SQLite file (better-sqlite3, WAL): clients, their
 * queues, callback registrations, gaps and end reasons survive a restart. The
 * bookkeeping of each client is also kept in memory (so `append` assigns a
 * seq without a query); events are read from the file. Writes are grouped
 * (see `GroupCommit`); only committed events are ever read, so a seq a
 * client saw is never handed out again after a crash.
 */
export class SqliteStore implements ClientStore {
  readonly #db: Database.Database;
  readonly #sql: SqliteStatements;
  readonly #writes: GroupCommit;
  readonly #clients: Map<string, SqliteClient>;
  readonly #ended: Map<string, Tombstone>;
  readonly #topics: TopicMembers;
  readonly #logs: SqliteLogs;
  readonly #follows = new FollowTable();
  readonly #followSql: {
    readonly upsert: Database.Statement<unknown[]>;
    readonly remove: Database.Statement<unknown[]>;
    readonly removeAll: Database.Statement<unknown[]>;
  };
  /** Webhook endpoints and leases, in the same file (docs/webhooks.md). */
  readonly webhooks: SqliteWebhookRecords;
  #nextN: number;
  #config: StoreConfig = { ttl: 300_000, maxQueue: 10_000, overflow: 'drop-oldest', now: Date.now };
  #listener: StoreListener = { appended() {}, released() {}, ended() {} };
  #onError: (error: unknown) => void = (error) =>
    console.error('contract-gen sqlite store:', error);

  constructor(options: SqliteStoreOptions) {
    this.#db = openDatabase(options.path, options.synchronous ?? 'NORMAL');
    this.#sql = prepareStatements(this.#db);
    this.webhooks = new SqliteWebhookRecords(this.#db);
    ({
      clients: this.#clients,
      ended: this.#ended,
      nextN: this.#nextN,
      topics: this.#topics,
    } = loadClients(this.#db));
    this.#writes = new GroupCommit(this.#db, this.#sql, options.groupWithinMs ?? 0, {
      appended: (client) => this.#listener.appended(client.id),
      onError: (error) => this.#onError(error),
    });
    this.#logs = new SqliteLogs(this.#db, this.#writes, (log) => this.#listener.logAppended?.(log));
    this.#followSql = {
      upsert: this.#db.prepare(
        'INSERT OR REPLACE INTO cg_log_follows (client, id, log, next, epoch) VALUES (?, ?, ?, ?, ?)',
      ),
      remove: this.#db.prepare('DELETE FROM cg_log_follows WHERE client = ? AND id = ?'),
      removeAll: this.#db.prepare('DELETE FROM cg_log_follows WHERE client = ?'),
    };
    const byN = new Map([...this.#clients.values()].map((record) => [record.n, record.id]));
    for (const [n, id, log, next, epoch] of this.#db
      .prepare('SELECT client, id, log, next, epoch FROM cg_log_follows')
      .raw()
      .all() as [number, number, string, number, string][]) {
      const client = byN.get(n);
      if (client !== undefined) this.#follows.follow(log, client, id, next, epoch);
    }
  }

  start(config: StoreConfig, listener: StoreListener): void {
    this.#config = config;
    this.#listener = listener;
    if (config.onError !== undefined) this.#onError = config.onError;
    // One process per file: every registration loaded was made by an earlier process, whose stand-ins are gone.
    this.#releaseHeld('server-restart');
  }

  /** A drain: the stand-ins of this process go with it (the next process on the file would say so too). */
  async retire(reason: ReleaseNoticeReason): Promise<void> {
    this.#releaseHeld(reason);
    await this.#writes.committed();
  }

  async open(client: string, owner?: string): Promise<void> {
    const row = {
      last_seen: this.#config.now(),
      seq: 0,
      head: 0,
      gap_from: 0,
      gap_to: 0,
      owner: owner ?? null,
    };
    const record = new SqliteClient(this.#nextN++, client, new Set(), row);
    this.#clients.set(client, record);
    this.#writes.op(() => this.#sql.insertClient.run(record.n, client, record.lastSeen, row.owner));
    await this.#writes.committed();
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- ClientStore's calls are async; answered from memory, and `async` keeps a throw a rejection
  async owner(client: string): Promise<string | undefined> {
    return (this.#clients.get(client) ?? this.#ended.get(client))?.owner;
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- ClientStore's calls are async; answered from memory, and `async` keeps a throw a rejection
  async touch(client: string): Promise<ClientStatus> {
    return this.#touch(client) === undefined ? this.#endReason(client) : 'live';
  }

  async register(client: string, callback: number): Promise<ClientStatus> {
    const record = this.#touch(client);
    if (record === undefined) return this.#endReason(client);
    if (record.callbacks.has(callback)) return 'live';
    record.callbacks.add(callback);
    this.#writes.op(() => this.#sql.insertCallback.run(record.n, callback));
    await this.#writes.committed();
    return 'live';
  }

  append(client: string, payload: string): void {
    const record = this.#clients.get(client);
    if (record === undefined) return;
    const { observer } = this.#config;
    if (record.size >= this.#config.maxQueue) {
      if (this.#config.overflow === 'close') return this.#end(record, 'overflow');
      record.dropOldest();
      observer?.dropped(client, 1, 'overflow');
      this.#writes.dirty(record);
    }
    const seq = ++record.seq;
    const body = eventJson(seq, payload);
    record.sizes.push(body.length);
    this.#writes.event(record, seq, body);
    observer?.appended(client);
    const { maxQueueBytes } = this.#config;
    if (maxQueueBytes !== undefined && record.sizes.total > maxQueueBytes) {
      if (this.#config.overflow === 'close') return this.#end(record, 'overflow');
      // The new event too, when it alone is past the bound: the gap names it (its row goes with the head).
      while (record.sizes.total > maxQueueBytes) {
        record.dropOldest();
        observer?.dropped(client, 1, 'overflow');
      }
      this.#writes.dirty(record);
    }
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- ClientStore's calls are async; better-sqlite3 is synchronous, and `async` makes a SQLite error a rejection
  async read(client: string, after: number, max: number, from?: number): Promise<ReadResult> {
    const record = this.#touch(client);
    if (record === undefined) return ReadResult.ended(this.#endReason(client));
    if (record.uncommitted > 0) this.#writes.commitNow();
    const held = record.size;
    if (after > record.seq) this.#skip(record, after);
    const gap = record.ack(after);
    if (record.size < held) this.#config.observer?.acknowledged(client, held - record.size);
    const start = from !== undefined && from > record.head ? from : record.head;
    const { maxBatchChars } = this.#config;
    const events = (
      maxBatchChars === undefined
        ? this.#sql.readEvents.all(record.n, start, max)
        : this.#sql.readEventsWithin.all(record.n, start, max, maxBatchChars)
    ) as string[];
    return ReadResult.live(
      record.notices.size === 0 ? events : this.#stale(record, after, events),
      gap,
    );
  }

  /** Marks the release notices among `events` whose callbacks were registered again since (see `staleNotice`). */
  #stale(record: SqliteClient, after: number, events: string[]): string[] {
    for (const [id, seq] of record.notices) if (seq <= after) record.notices.delete(id);
    return events.map((text) => {
      if (!text.includes('"released":')) return text;
      const id = entryCallback(text);
      return record.callbacks.has(id) && record.notices.has(id) ? staleNotice(text) : text;
    });
  }

  async release(client: string, callbacks: readonly number[]): Promise<ClientStatus> {
    const record = this.#touch(client);
    if (record === undefined) return this.#endReason(client);
    const released = callbacks.filter((id) => record.callbacks.delete(id));
    if (released.length === 0) return 'live';
    const left = released.filter(
      (id) => this.#topics.leaveAll(client, id, record.topics).length > 0,
    );
    const unfollowed = released.filter((id) => this.#follows.unfollow(client, id));
    this.#writes.op(() => {
      for (const id of released) this.#sql.deleteCallback.run(record.n, id);
      for (const id of left) this.#sql.deleteMembersOf.run(record.n, id);
      for (const id of unfollowed) this.#followSql.remove.run(record.n, id);
    });
    this.#listener.released(client, released);
    await this.#writes.committed();
    return 'live';
  }

  async join(topic: string, client: string, callback: number, iface: string): Promise<boolean> {
    const record = this.#touch(client);
    if (record === undefined || !record.callbacks.has(callback)) return false;
    if (this.#topics.join(topic, client, callback, iface, record.topics)) {
      this.#writes.op(() => this.#sql.insertMember.run(topic, record.n, callback, iface));
      await this.#writes.committed();
    }
    return true;
  }

  async leave(topic: string, client: string, callback: number): Promise<boolean> {
    const record = this.#touch(client);
    if (record === undefined || !this.#topics.leave(topic, client, callback, record.topics))
      return false;
    this.#writes.op(() => this.#sql.deleteMember.run(topic, record.n, callback));
    await this.#writes.committed();
    return true;
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- ClientStore's calls are async; answered from memory, and `async` keeps a throw a rejection
  async topicSize(topic: string): Promise<number> {
    return this.#topics.size(topic);
  }

  logAppend(log: string, body: string, retention: LogRetention): void {
    this.#logs.append(log, body, this.#config.now(), retention);
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- better-sqlite3 is synchronous; `async` makes its error a rejection
  async logRead(log: string, after: number, max: number): Promise<LogSlice> {
    return this.#logs.read(log, after, max);
  }

  async logFollow(
    log: string,
    client: string,
    callback: number,
    next: number,
    epoch: string,
  ): Promise<boolean> {
    const record = this.#touch(client);
    if (record === undefined || !record.callbacks.has(callback)) return false;
    this.#follows.follow(log, client, callback, next, epoch);
    this.#writes.op(() => this.#followSql.upsert.run(record.n, callback, log, next, epoch));
    await this.#writes.committed();
    // Its reader reads again (a read before the follow found nothing to follow).
    tellFollowsChanged(this.#listener, client);
    return true;
  }

  async logUnfollow(client: string, callback: number): Promise<boolean> {
    const record = this.#touch(client);
    if (record === undefined || !this.#follows.unfollow(client, callback)) return false;
    this.#writes.op(() => this.#followSql.remove.run(record.n, callback));
    await this.#writes.committed();
    tellFollowsChanged(this.#listener, client);
    return true;
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- answered from the follows kept in memory
  async logFollows(client: string): Promise<readonly LogFollow[]> {
    return this.#follows.follows(client);
  }

  async logEnqueue(
    client: string,
    callback: number,
    expect: number,
    next: number,
    epoch: string,
    payload: string,
  ): Promise<boolean> {
    const record = this.#clients.get(client);
    const moved =
      record === undefined
        ? undefined
        : this.#follows.advance(client, callback, expect, next, epoch);
    if (record === undefined || moved === undefined) return false;
    // The range entry and the follow's new position go in one commit: a crash keeps both or neither.
    this.append(client, payload);
    this.#writes.op(() => this.#followSql.upsert.run(record.n, callback, moved.log, next, epoch));
    await this.#writes.committed();
    return true;
  }

  /** Written in the commit of the events appended before it (a commit writes events first, then ops in order). */
  recordCall(client: string, call: string, answer: string): void {
    const record = this.#clients.get(client);
    if (record === undefined) return;
    const { insertCall, trimCalls } = this.#sql;
    this.#writes.op(() => {
      if (insertCall.run(record.n, call, answer).changes > 0)
        trimCalls.run(record.n, record.n, REMEMBERED_CALLS);
    });
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- as read: better-sqlite3 is synchronous, and `async` makes a SQLite error a rejection
  async recordedCall(client: string, call: string): Promise<string | undefined> {
    const record = this.#clients.get(client);
    if (record === undefined) return undefined;
    // A record still pending (its commit not yet run) is found too.
    this.#writes.commitNow();
    return (this.#sql.readCall.get(record.n, call) as string | undefined) ?? undefined;
  }

  publish(topic: string, iface: string, body: string): void {
    // Every member's event joins the same group commit: one transaction for the whole fan-out.
    for (const member of this.#topics.members(topic, iface))
      this.append(member.client, topicPayload(member.callback, body));
  }

  mark(key: string, value: string): void {
    // An op of the group commit: in the same transaction as the appends queued before it.
    this.#writes.op(() => this.#sql.writeMark.run(key, value));
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- ClientStore's calls are async; `async` keeps a throw a rejection
  async readMark(key: string): Promise<string | undefined> {
    this.#writes.commitNow();
    return this.#sql.readMark.get(key) as string | undefined;
  }

  async close(client: string): Promise<ClientStatus> {
    const record = this.#clients.get(client);
    if (record === undefined) return this.#endReason(client);
    this.#end(record, 'closed');
    await this.#writes.committed();
    return 'live';
  }

  async sweep(now: number): Promise<void> {
    const { ttl } = this.#config;
    // Both maps are in time order: stop at the first entry that is still fresh.
    for (const record of this.#clients.values()) {
      if (now - record.lastSeen < ttl) break;
      this.#end(record, 'expired');
    }
    let forgotten = false;
    for (const [client, tomb] of this.#ended) {
      if (now - tomb.at < ttl) break;
      this.#ended.delete(client);
      forgotten = true;
    }
    if (forgotten) this.#writes.op(() => this.#sql.deleteEndedUpTo.run(now - ttl));
    await this.#writes.committed();
  }

  flush(): Promise<void> {
    return this.#writes.committed();
  }

  queueStats(): QueueStats {
    let events = 0;
    let bytes = 0;
    for (const record of this.#clients.values()) {
      events += record.size;
      bytes += record.sizes.total;
    }
    return { events, bytes };
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- answered from the bookkeeping in memory; the file holds the same
  async listClients(page: ClientPageRequest): Promise<ClientPage> {
    const clients = [...this.#clients.values()].map((record) => ({
      id: record.id,
      ...(record.owner === undefined ? {} : { owner: record.owner }),
      events: record.size,
      bytes: record.sizes.total,
      callbacks: record.callbacks.size,
      lastSeen: record.lastSeen,
    }));
    return pageClients(clients, page);
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- answered from the memberships kept in memory
  async listTopics(page: TopicPageRequest): Promise<TopicPage> {
    return this.#topics.list(page);
  }

  /** A trivial query: rejects once the database is closed or cannot be read. */
  // eslint-disable-next-line @typescript-eslint/require-await -- better-sqlite3 is synchronous; `async` makes its error a rejection
  async ping(): Promise<void> {
    this.#db.prepare('SELECT 1').get();
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- ClientStore's calls are async; better-sqlite3 is synchronous, and `async` makes a SQLite error a rejection
  async stop(): Promise<void> {
    if (!this.#db.open) return;
    try {
      this.#writes.commitNow();
    } finally {
      this.#db.close();
    }
  }

  /**
   * The client saw seqs up to `after`, beyond the file's last: commits it had
   * seen were lost (a power cut under synchronous=NORMAL). Seq `after + 1`
   * becomes the `lost` gap; events this run appended since loading (which
   * reuse seqs the client saw, so it would drop them as repeats) are
   * numbered again after it, so they still arrive.
   */
  #skip(record: SqliteClient, after: number): void {
    const fresh =
      record.loadedSeq === Infinity
        ? []
        : (this.#sql.readEventsAfter.all(
            record.n,
            Math.max(record.head, record.loadedSeq),
          ) as string[]);
    record.skipTo(after);
    record.loadedSeq = Infinity; // numbered as the client expects from now on
    for (const body of fresh) {
      const seq = ++record.seq;
      const text = `{"seq":${seq},${body.slice(body.indexOf(',') + 1)}`;
      record.sizes.push(text.length);
      this.#writes.event(record, seq, text);
    }
    // The old rows go with the head (deleteEventsUpTo); the new ones must be stored before they are read.
    this.#writes.dirty(record);
    this.#writes.commitNow();
  }

  /**
   * Releases every registered callback that is not a topic member nor a log
   * follower (the file keeps those; any other subscription was a stand-in in
   * a process's memory), each with a release notice in its client's queue.
   */
  #releaseHeld(reason: ReleaseNoticeReason): void {
    for (const record of [...this.#clients.values()]) {
      // Topic members and log followers stay: the file keeps their subscriptions.
      const following = new Set(this.#follows.follows(record.id).map((f) => f.callback));
      const held = [...record.callbacks].filter(
        (id) => !record.topics.has(id) && !following.has(id),
      );
      if (held.length === 0) continue;
      for (const id of held) record.callbacks.delete(id);
      this.#writes.op(() => {
        for (const id of held) this.#sql.deleteCallback.run(record.n, id);
      });
      for (const id of held) {
        this.append(record.id, releaseNotice(id, reason));
        record.notices.set(id, record.seq);
      }
      this.#listener.released(record.id, held);
    }
  }

  /** The live record, moved to the end of the activity order; undefined when not live. */
  #touch(client: string): SqliteClient | undefined {
    const record = this.#clients.get(client);
    if (record === undefined) return undefined;
    record.lastSeen = this.#config.now();
    this.#clients.delete(client);
    this.#clients.set(client, record);
    this.#writes.dirty(record);
    return record;
  }

  #endReason(client: string): EndReason | 'unknown' {
    return this.#ended.get(client)?.reason ?? 'unknown';
  }

  #end(record: SqliteClient, reason: EndReason): void {
    const at = this.#config.now();
    if (record.size > 0) this.#config.observer?.dropped(record.id, record.size, reason);
    record.ended = true;
    this.#clients.delete(record.id);
    const { owner } = record;
    this.#ended.set(record.id, { reason, at, owner });
    for (const id of [...record.topics.keys()]) this.#topics.leaveAll(record.id, id, record.topics);
    this.#follows.forget(record.id);
    const { removeAll } = this.#followSql;
    const { deleteEvents, deleteCallbacks, deleteMembers, deleteClient, insertEnded, deleteCalls } =
      this.#sql;
    this.#writes.op(() => {
      deleteEvents.run(record.n);
      deleteCalls.run(record.n);
      deleteCallbacks.run(record.n);
      deleteMembers.run(record.n);
      removeAll.run(record.n);
      deleteClient.run(record.n);
      insertEnded.run(record.id, reason, at, owner ?? null);
    });
    this.#listener.ended(record.id, reason);
  }
}

/**
 * A store that keeps clients and their queues in an SQLite file, so they
 * survive a server restart (`better-sqlite3` must be installed):
 *
 * ```ts
 * import { sqliteStore } from '@contract-gen/runtime/server/sqlite';
 * createServer({ services, events: { store: sqliteStore({ path: 'events.db' }) } });
 * ```
 *
 * Opens the file at once (throws if it cannot, or if another process has it).
 */
export function sqliteStore(options: SqliteStoreOptions): ClientStore {
  return new SqliteStore(options);
}
