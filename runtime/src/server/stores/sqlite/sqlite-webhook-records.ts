import type Database from 'better-sqlite3';
import type { WebhookEndpointRecord, WebhookRecords } from '../webhook-records.js';

// Tables of their own, made when first used: files of earlier versions simply gain them.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS cg_webhooks (name TEXT PRIMARY KEY, record TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS cg_webhook_leases (name TEXT PRIMARY KEY, holder TEXT NOT NULL, until INTEGER NOT NULL) WITHOUT ROWID;
`;

/**
 * `WebhookRecords` in the SQLite store's file: endpoints survive a restart.
 * Written at once (not grouped): endpoints change rarely, and a lease is
 * renewed once per batch.
 */
export class SqliteWebhookRecords implements WebhookRecords {
  readonly #put: Database.Statement;
  readonly #get: Database.Statement;
  readonly #list: Database.Statement;
  readonly #delete: Database.Statement;
  readonly #lease: Database.Statement;
  readonly #unlease: Database.Statement;

  constructor(db: Database.Database) {
    db.exec(SCHEMA);
    // One process per file (the store locks it): a lease found here was taken by an earlier process, now gone.
    db.exec('DELETE FROM cg_webhook_leases');
    this.#put = db.prepare('INSERT OR REPLACE INTO cg_webhooks (name, record) VALUES (?, ?)');
    this.#get = db.prepare('SELECT record FROM cg_webhooks WHERE name = ?').pluck();
    this.#list = db.prepare('SELECT record FROM cg_webhooks ORDER BY name').pluck();
    this.#delete = db.prepare('DELETE FROM cg_webhooks WHERE name = ?');
    // Taken when free, lapsed or already ours; `changes` says whether it is ours now.
    this.#lease = db.prepare(
      `INSERT INTO cg_webhook_leases (name, holder, until) VALUES (@name, @holder, @now + @ms)
       ON CONFLICT (name) DO UPDATE SET holder = @holder, until = @now + @ms
       WHERE cg_webhook_leases.holder = @holder OR cg_webhook_leases.until <= @now`,
    );
    this.#unlease = db.prepare('DELETE FROM cg_webhook_leases WHERE name = ? AND holder = ?');
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- better-sqlite3 is synchronous; async keeps a throw a rejection
  async put(record: WebhookEndpointRecord): Promise<void> {
    this.#put.run(record.name, JSON.stringify(record));
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- better-sqlite3 is synchronous; async keeps a throw a rejection
  async get(name: string): Promise<WebhookEndpointRecord | undefined> {
    const text = this.#get.get(name) as string | undefined;
    return text === undefined ? undefined : (JSON.parse(text) as WebhookEndpointRecord);
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- better-sqlite3 is synchronous; async keeps a throw a rejection
  async list(): Promise<WebhookEndpointRecord[]> {
    return (this.#list.all() as string[]).map((text) => JSON.parse(text) as WebhookEndpointRecord);
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- better-sqlite3 is synchronous; async keeps a throw a rejection
  async delete(name: string): Promise<void> {
    this.#delete.run(name);
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- better-sqlite3 is synchronous; async keeps a throw a rejection
  async lease(name: string, holder: string, ms: number): Promise<boolean> {
    return this.#lease.run({ name, holder, now: Date.now(), ms }).changes > 0;
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- better-sqlite3 is synchronous; async keeps a throw a rejection
  async unlease(name: string, holder: string): Promise<void> {
    this.#unlease.run(name, holder);
  }
}
