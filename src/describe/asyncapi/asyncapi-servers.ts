import { EVENT_ENDPOINTS } from '@contract-gen/runtime/protocol';
import type { JsonSchema } from '../json-schema.js';

/** The path of the WebSocket endpoint under `{base}` (DESIGN.md §5: the same messages as JSON frames). */
export const WEBSOCKET_ENDPOINT = '/_ws';

/**
 * The two ways events reach a client, as AsyncAPI servers on the same
 * address: HTTP long polling of `GET {base}/_events` (docs/protocol.md) and a
 * WebSocket on `{base}/_ws`.
 */
export function asyncApiServers(serverUrl: string): Record<string, JsonSchema> {
  const url = new URL(serverUrl);
  const secure = url.protocol === 'https:';
  const pathname = url.pathname.replace(/\/+$/, '');
  const where = { host: url.host, ...(pathname ? { pathname } : {}) };
  return {
    longPoll: {
      ...where,
      protocol: secure ? 'https' : 'http',
      title: 'HTTP long polling',
      description:
        `Open a client with POST ${EVENT_ENDPOINTS.open}, then poll GET ${EVENT_ENDPOINTS.events}?after=<seq>&wait=<ms> with the ` +
        `X-Contract-Client header: each answer is {"events": [...], "gap"?: {...}}, and \`after\` acknowledges. wait=0 is a heartbeat poll.`,
    },
    webSocket: {
      ...where,
      protocol: secure ? 'wss' : 'ws',
      title: 'WebSocket',
      description: `GET ${WEBSOCKET_ENDPOINT} upgrades to a WebSocket that carries the same messages as JSON text frames, events included.`,
    },
  };
}

/** `after` and `wait` of `GET {base}/_events`, as a query schema for bindings. */
export function pollQuerySchema(): JsonSchema {
  const count = { type: 'integer', minimum: 0, default: 0 };
  return {
    type: 'object',
    properties: {
      after: { ...count, description: 'Acknowledges every event with seq <= after.' },
      wait: {
        ...count,
        description:
          'Milliseconds to hold the poll while no event is queued; 0 is a heartbeat poll.',
      },
    },
  };
}
