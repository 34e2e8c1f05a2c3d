import type Database from 'better-sqlite3';

type Statement = Database.Statement<unknown[]>;

/** Every statement the SQLite store runs, prepared once. */
export type SqliteStatements = Readonly<Record<StatementName, Statement>>;

type StatementName =
  | 'insertClient'
  | 'updateClient'
  | 'deleteClient'
  | 'insertEvent'
  | 'readEvents'
  | 'readEventsWithin'
  | 'readEventsAfter'
  | 'deleteEventsUpTo'
  | 'deleteEvents'
  | 'insertCallback'
  | 'deleteCallback'
  | 'deleteCallbacks'
  | 'insertEnded'
  | 'deleteEndedUpTo'
  | 'insertMember'
  | 'deleteMember'
  | 'deleteMembersOf'
  | 'deleteMembers'
  | 'writeMark'
  | 'readMark'
  | 'insertCall'
  | 'trimCalls'
  | 'readCall'
  | 'deleteCalls';

/** Prepares the store's statements on `db` (opened by `openDatabase`). */
export function prepareStatements(db: Database.Database): SqliteStatements {
  const prepare = (sql: string): Statement => db.prepare<unknown[]>(sql);
  return {
    insertClient: prepare(
      'INSERT INTO cg_clients (n, id, last_seen, seq, head, gap_from, gap_to, owner) VALUES (?, ?, ?, 0, 0, 0, 0, ?)',
    ),
    updateClient: prepare(
      'UPDATE cg_clients SET last_seen = ?, seq = ?, head = ?, gap_from = ?, gap_to = ?, gap_reason = ? WHERE n = ?',
    ),
    deleteClient: prepare('DELETE FROM cg_clients WHERE n = ?'),
    insertEvent: prepare('INSERT INTO cg_events (client, seq, body) VALUES (?, ?, ?)'),
    readEvents: prepare(
      'SELECT body FROM cg_events WHERE client = ? AND seq > ? ORDER BY seq LIMIT ?',
    ).pluck(),
    // readEvents, stopped before the event that takes the texts past ? characters (the first always comes): a running
    // sum over at most LIMIT rows, so the bound costs no more rows than the limit and only the kept bodies leave SQLite.
    readEventsWithin: prepare(
      'SELECT body FROM (SELECT body, SUM(length(body)) OVER (ORDER BY seq) AS upto FROM ' +
        '(SELECT seq, body FROM cg_events WHERE client = ? AND seq > ? ORDER BY seq LIMIT ?)) WHERE upto <= ? OR upto = length(body)',
    ).pluck(),
    readEventsAfter: prepare(
      'SELECT body FROM cg_events WHERE client = ? AND seq > ? ORDER BY seq',
    ).pluck(),
    deleteEventsUpTo: prepare('DELETE FROM cg_events WHERE client = ? AND seq <= ?'),
    deleteEvents: prepare('DELETE FROM cg_events WHERE client = ?'),
    insertCallback: prepare('INSERT OR IGNORE INTO cg_callbacks (client, id) VALUES (?, ?)'),
    deleteCallback: prepare('DELETE FROM cg_callbacks WHERE client = ? AND id = ?'),
    deleteCallbacks: prepare('DELETE FROM cg_callbacks WHERE client = ?'),
    insertEnded: prepare(
      'INSERT OR REPLACE INTO cg_ended (id, reason, at, owner) VALUES (?, ?, ?, ?)',
    ),
    deleteEndedUpTo: prepare('DELETE FROM cg_ended WHERE at <= ?'),
    writeMark: prepare('INSERT OR REPLACE INTO cg_marks (key, value) VALUES (?, ?)'),
    readMark: prepare('SELECT value FROM cg_marks WHERE key = ?').pluck(),
    insertMember: prepare(
      'INSERT OR IGNORE INTO cg_topics (topic, client, id, iface) VALUES (?, ?, ?, ?)',
    ),
    deleteMember: prepare('DELETE FROM cg_topics WHERE topic = ? AND client = ? AND id = ?'),
    deleteMembersOf: prepare('DELETE FROM cg_topics WHERE client = ? AND id = ?'),
    deleteMembers: prepare('DELETE FROM cg_topics WHERE client = ?'),
    // A call's answer (the first recorded stays); trimCalls keeps the client's last REMEMBERED_CALLS, by rowid.
    insertCall: prepare('INSERT OR IGNORE INTO cg_calls (client, call, answer) VALUES (?, ?, ?)'),
    trimCalls: prepare(
      'DELETE FROM cg_calls WHERE client = ? AND rowid <= (SELECT rowid FROM cg_calls WHERE client = ? ORDER BY rowid DESC LIMIT 1 OFFSET ?)',
    ),
    readCall: prepare('SELECT answer FROM cg_calls WHERE client = ? AND call = ?').pluck(),
    deleteCalls: prepare('DELETE FROM cg_calls WHERE client = ?'),
  };
}
