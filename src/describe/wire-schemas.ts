import type { JsonSchema } from './json-schema.js';

/**
 * Schemas of the protocol's own messages (docs/protocol.md), shared by the
 * OpenAPI and the AsyncAPI document. They mirror the wire types of
 * `runtime/src/protocol/messages.ts`.
 */

/** `{"$cb": n}`: a callback argument, named by a non-negative integer the client chooses. */
export function callbackRefSchema(callbackName: string): JsonSchema {
  return {
    type: 'object',
    properties: { $cb: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER } },
    required: ['$cb'],
    additionalProperties: false,
    description:
      `A callback of interface '${callbackName}', passed by reference: the client picks \`n\` to name a local object ` +
      `and receives the events for it (see the AsyncAPI document) with \`"cb": n\`. Needs the X-Contract-Client header.`,
    'x-contract-callback': callbackName,
  };
}

/** `{"$service": name, "ref": token, "url"?: base}`: a service reference (docs/protocol.md, "Service references"). */
export function serviceRefSchema(serviceName: string): JsonSchema {
  return {
    type: 'object',
    properties: {
      $service: { const: serviceName },
      ref: { type: 'string', minLength: 1, maxLength: 2048 },
      url: { type: 'string', maxLength: 2048, pattern: '^https?://' },
    },
    required: ['$service', 'ref'],
    additionalProperties: false,
    description:
      `A reference to an instance of service '${serviceName}': call its methods at \`{url}/${serviceName}/{method}\` ` +
      `(url absent: this server) with the header X-Contract-Ref set to \`ref\`; release it with POST {url}/_unref.`,
    'x-contract-service': serviceName,
  };
}

/** `{"error": {code, message, path?, expected?, received?, details?}}`: every failure. */
export function errorBodySchema(): JsonSchema {
  const text = { type: 'string' };
  return {
    type: 'object',
    properties: {
      error: {
        type: 'object',
        properties: {
          code: {
            ...text,
            description:
              "Stable: a protocol code (BAD_ARGUMENT...) or, with status 422, the application's own.",
          },
          message: text,
          path: { ...text, description: 'Where the bad value is, e.g. args[1].legs[0].' },
          expected: text,
          received: text,
          details: {
            description:
              'Application data; for 410 UNKNOWN_CLIENT, {"reason": "unknown" | "closed" | "expired" | "overflow"}.',
          },
        },
        required: ['code', 'message'],
      },
    },
    required: ['error'],
  };
}

/** `{"result": <schema>}`: a call's successful answer. */
export function resultBodySchema(result: JsonSchema): JsonSchema {
  return { type: 'object', properties: { result }, required: ['result'] };
}

/**
 * One event: callback `cb` is to run `method` with `args`. With `method` and
 * `args` given, the envelope of one callback method's events.
 */
export function eventSchema(method?: string, args?: JsonSchema): JsonSchema {
  return {
    type: 'object',
    properties: {
      seq: {
        type: 'integer',
        minimum: 1,
        description:
          "The event's number in its client's queue: 1, then +1 per event. Acknowledge it with `after`.",
      },
      cb: {
        type: 'integer',
        minimum: 0,
        description: 'The callback it is for: the `n` the client sent as {"$cb": n}.',
      },
      method: method === undefined ? { type: 'string' } : { type: 'string', const: method },
      args: args ?? { type: 'array', description: 'The arguments, encoded like call arguments.' },
    },
    required: ['seq', 'cb', 'method', 'args'],
  };
}

/** Events dropped before they were acknowledged (queue bound, `drop-oldest`). */
export function gapSchema(): JsonSchema {
  const seq = { type: 'integer', minimum: 1 };
  return {
    type: 'object',
    description:
      'Events the server dropped unacknowledged: seqs `from`..`to`. Repeated until acknowledged past `to`.',
    properties: {
      from: seq,
      to: seq,
      count: { type: 'integer', minimum: 1 },
      reason: { type: 'string', description: '`overflow` today; accept others.' },
    },
    required: ['from', 'to', 'count', 'reason'],
  };
}

/** The answer of `POST {base}/_open`. */
export function openBodySchema(): JsonSchema {
  return {
    type: 'object',
    properties: {
      client: {
        type: 'string',
        pattern: '^[A-Za-z0-9_-]{22}$',
        description: 'The client id: send it as X-Contract-Client. Keep it secret.',
      },
      ttl: {
        type: 'integer',
        minimum: 0,
        description: 'Milliseconds the server keeps a client that sends no request.',
      },
      wait: {
        type: 'integer',
        minimum: 0,
        description: 'The longest long-poll wait the server grants, in milliseconds.',
      },
    },
    required: ['client', 'ttl', 'wait'],
  };
}

/** The answer of `GET {base}/_events`, its events as `event` (a `$ref`, or the generic envelope). */
export function eventsBodySchema(event: JsonSchema, gap: JsonSchema): JsonSchema {
  return {
    type: 'object',
    properties: { events: { type: 'array', items: event }, gap },
    required: ['events'],
  };
}
