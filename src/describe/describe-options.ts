/** What the API documents say about themselves beyond the contract. */
export interface DescribeOptions {
  /** `info.title` of both documents. */
  readonly title: string;
  /** `info.version`: the API's version (not the OpenAPI or AsyncAPI version). */
  readonly version: string;
  /** Where the server is mounted, base path included: `http://localhost:3000` or `https://api.example.com/v1`. */
  readonly serverUrl: string;
}

/** Names under `components/schemas` for the protocol's own messages. TypeScript names have no dots, so these never collide with a contract's types. */
export const protocolSchemaNames = {
  errorBody: 'Protocol.ErrorBody',
  event: 'Protocol.Event',
  eventsBody: 'Protocol.EventsBody',
  gap: 'Protocol.Gap',
  openBody: 'Protocol.OpenBody',
} as const;

/** Both documents keep named types at the same place, so one converter serves both. */
export const schemasRefBase = '#/components/schemas/';
