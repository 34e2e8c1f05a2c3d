import { APPLICATION_ERROR_STATUS, errorStatus } from '@contract-gen/runtime/protocol';
import { protocolSchemaNames, schemasRefBase } from '../describe-options.js';
import type { JsonSchema } from '../json-schema.js';

/**
 * The error answers of docs/protocol.md ("Errors"), as reusable OpenAPI
 * responses. Statuses come from the runtime's own table, so the document
 * cannot drift from what the server sends.
 */
const errors = {
  BadRequest: {
    status: errorStatus.BAD_ARGUMENT,
    text: 'BAD_REQUEST (malformed JSON, a body that is not an array, a missing X-Contract-Client header), BAD_ARGUMENT (an argument does not match the contract: see `path`, `expected`, `received`) or TOO_DEEP.',
  },
  Unauthenticated: {
    status: errorStatus.UNAUTHENTICATED,
    text: "UNAUTHENTICATED: the server's auth hook could not identify the caller.",
  },
  Forbidden: {
    status: errorStatus.FORBIDDEN,
    text: 'FORBIDDEN: the caller may not make this call.',
  },
  NotFound: {
    status: errorStatus.NOT_FOUND,
    text: 'NOT_FOUND: no such service or method on this server (the message lists what exists).',
  },
  UnknownClient: {
    status: errorStatus.UNKNOWN_CLIENT,
    text: 'UNKNOWN_CLIENT: the X-Contract-Client id is unknown, closed, expired or overflowed (`details.reason`). Open a new client and subscribe again.',
  },
  TooLarge: {
    status: errorStatus.TOO_LARGE,
    text: 'TOO_LARGE: the body is larger than the server accepts.',
  },
  UnsupportedMediaType: {
    status: errorStatus.UNSUPPORTED_MEDIA_TYPE,
    text: 'UNSUPPORTED_MEDIA_TYPE: a call without content-type application/json.',
  },
  ApplicationError: {
    status: APPLICATION_ERROR_STATUS,
    text: 'The implementation refused the call with its own error code and `details`.',
  },
  Internal: {
    status: errorStatus.INTERNAL,
    text: 'INTERNAL: a server fault; nothing about it leaves the server.',
  },
  NotImplemented: {
    status: errorStatus.NOT_IMPLEMENTED,
    text: 'NOT_IMPLEMENTED: the server has no event channel, and the call carries a callback.',
  },
} as const;

/** The name of a reusable error response under `components/responses`. */
export type ErrorResponseName = keyof typeof errors;

/** `components/responses`: one per error status, each with the error body. */
export function errorResponseComponents(): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  for (const [name, { text }] of Object.entries(errors)) {
    out[name] = {
      description: text,
      content: {
        'application/json': {
          schema: { $ref: `${schemasRefBase}${protocolSchemaNames.errorBody}` },
        },
      },
    };
  }
  return out;
}

/** `responses` entries (`"400": {$ref}`...) for the named errors, by status. */
export function errorResponses(names: readonly ErrorResponseName[]): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  for (const name of [...names].sort((a, b) => errors[a].status - errors[b].status)) {
    out[String(errors[name].status)] = { $ref: `#/components/responses/${name}` };
  }
  return out;
}
