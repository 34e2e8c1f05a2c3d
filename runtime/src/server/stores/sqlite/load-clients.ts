import type Database from 'better-sqlite3';
import type { EndReason } from '../client-store.js';
import { TopicMembers } from '../topic-members.js';
import { SqliteClient, type ClientRow } from './sqlite-client.js';

/** An ended client's tombstone: why, when (the store's clock), and whose it was. */
export interface Tombstone {
  readonly reason: EndReason;
  readonly at: number;
  readonly owner: string | undefined;
}

/** What a store finds in its file when it starts. */
export interface LoadedState {
  /** Live clients in order of last activity, oldest first (the order `sweep` relies on). */
  readonly clients: Map<string, SqliteClient>;
  /** Tombstones, oldest first. */
  readonly ended: Map<string, Tombstone>;
  /** The next free client number. */
  readonly nextN: number;
  /** Topic memberships of the live clients. */
  readonly topics: TopicMembers;
}

/** Reads every client record, callback registration and tombstone from the file into memory. */
export function loadClients(db: Database.Database): LoadedState {
  const callbacks = new Map<number, Set<number>>();
  for (const [client, id] of db
    .prepare('SELECT client, id FROM cg_callbacks')
    .raw()
    .iterate() as Iterable<[number, number]>) {
    const set = callbacks.get(client) ?? callbacks.set(client, new Set()).get(client)!;
    set.add(id);
  }
  // Appends do not rewrite their client's row: the last seq is the row's, or its newest event's if that is ahead.
  const lastSeqs = new Map(
    db.prepare('SELECT client, MAX(seq) FROM cg_events GROUP BY client').raw().all() as [
      number,
      number,
    ][],
  );
  const clients = new Map<string, SqliteClient>();
  let nextN = 1;
  for (const row of db
    .prepare('SELECT * FROM cg_clients ORDER BY last_seen, n')
    .iterate() as Iterable<ClientRow>) {
    const seq = Math.max(row.seq, lastSeqs.get(row.n) ?? 0);
    const client = new SqliteClient(row.n, row.id, callbacks.get(row.n) ?? new Set(), {
      ...row,
      seq,
    });
    client.loadedSeq = seq;
    clients.set(row.id, client);
    nextN = Math.max(nextN, row.n + 1);
  }
  const byN = new Map([...clients.values()].map((client) => [client.n, client]));
  // The unacknowledged events' sizes, for maxQueueBytes: SQLite's length() counts characters, JavaScript's UTF-16
  // units; they differ only for characters beyond the BMP (an approximation the bound allows).
  for (const [n, seq, size] of db
    .prepare('SELECT client, seq, length(body) FROM cg_events ORDER BY client, seq')
    .raw()
    .iterate() as Iterable<[number, number, number]>) {
    const client = byN.get(n);
    if (client !== undefined && seq > client.head) client.sizes.push(size);
  }
  const topics = new TopicMembers();
  const members = db.prepare('SELECT topic, client, id, iface FROM cg_topics').raw();
  for (const [topic, n, id, iface] of members.iterate() as Iterable<
    [string, number, number, string]
  >) {
    const client = byN.get(n);
    if (client !== undefined && client.callbacks.has(id))
      topics.join(topic, client.id, id, iface, client.topics);
  }
  const ended = new Map<string, Tombstone>();
  for (const row of db
    .prepare('SELECT id, reason, at, owner FROM cg_ended ORDER BY at')
    .iterate() as Iterable<{ id: string; reason: EndReason; at: number; owner: string | null }>) {
    ended.set(row.id, { reason: row.reason, at: row.at, owner: row.owner ?? undefined });
  }
  return { clients, ended, nextN, topics };
}
