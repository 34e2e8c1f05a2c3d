/**
 * A webhook endpoint as a store keeps it (docs/webhooks.md): which client's
 * queue feeds it and where its batches go. Kept in the store beside the
 * queue, so a restarted server (or another process sharing the store)
 * delivers what is left.
 */
export interface WebhookEndpointRecord {
  /** The server's name for the endpoint (`webhooks.endpoint(name, ...)`). */
  readonly name: string;
  /** The client whose queue the endpoint's events are appended to. */
  readonly client: string;
  /** The callback id its events carry in that queue. */
  readonly callback: number;
  /** The callback interface's name. */
  readonly iface: string;
  readonly url: string;
  /**
   * Its secrets, the current one first (several while one is rotated).
   * Stored as given: anyone who reads the store can sign for the endpoint.
   */
  readonly secrets: readonly string[];
  /** Set once deliveries failed past the retry horizon: nothing is sent until it is resumed. */
  readonly failing: boolean;
}

/**
 * What a store keeps for webhook delivery: endpoint records and one
 * delivery lease per endpoint, so of several sender processes sharing the
 * store one delivers an endpoint's batch at a time. Optional for stores
 * (`ClientStore.webhooks`): without it, endpoints live in the process.
 */
export interface WebhookRecords {
  /** Stores `record` under its name (replacing one of that name). */
  put(record: WebhookEndpointRecord): Promise<void>;
  /** The record named `name`, if any. */
  get(name: string): Promise<WebhookEndpointRecord | undefined>;
  /** Every record, by name. */
  list(): Promise<WebhookEndpointRecord[]>;
  /** Forgets the record named `name` (and its lease). */
  delete(name: string): Promise<void>;
  /**
   * Takes, or renews, the delivery lease of endpoint `name` for `holder`
   * (a random id per sender) for `ms` milliseconds; resolves whether
   * `holder` holds it now. Another holder's lease must lapse first.
   */
  lease(name: string, holder: string, ms: number): Promise<boolean>;
  /** Gives the lease of `name` up, if `holder` holds it (a sender that stops). */
  unlease(name: string, holder: string): Promise<void>;
}
