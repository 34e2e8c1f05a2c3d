import type { WebhookEndpointRecord, WebhookRecords } from '../webhook-records.js';

/** `WebhookRecords` in this process's memory (the memory store's): endpoints live as long as it. */
export class MemoryWebhookRecords implements WebhookRecords {
  readonly #records = new Map<string, WebhookEndpointRecord>();
  readonly #leases = new Map<string, { holder: string; until: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  // eslint-disable-next-line @typescript-eslint/require-await -- the interface is async for stores that do I/O
  async put(record: WebhookEndpointRecord): Promise<void> {
    this.#records.set(record.name, record);
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- the interface is async for stores that do I/O
  async get(name: string): Promise<WebhookEndpointRecord | undefined> {
    return this.#records.get(name);
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- the interface is async for stores that do I/O
  async list(): Promise<WebhookEndpointRecord[]> {
    return [...this.#records.values()].sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- the interface is async for stores that do I/O
  async delete(name: string): Promise<void> {
    this.#records.delete(name);
    this.#leases.delete(name);
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- the interface is async for stores that do I/O
  async lease(name: string, holder: string, ms: number): Promise<boolean> {
    const now = this.now();
    const lease = this.#leases.get(name);
    if (lease !== undefined && lease.holder !== holder && lease.until > now) return false;
    this.#leases.set(name, { holder, until: now + ms });
    return true;
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- the interface is async for stores that do I/O
  async unlease(name: string, holder: string): Promise<void> {
    if (this.#leases.get(name)?.holder === holder) this.#leases.delete(name);
  }
}
