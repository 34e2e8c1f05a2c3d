import { EVENT_ENDPOINTS } from '@contract-gen/runtime/protocol';
import { protocolSchemaNames, schemasRefBase } from '../describe-options.js';
import type { JsonSchema } from '../json-schema.js';
import { resultBodySchema } from '../wire-schemas.js';
import { errorResponses } from './openapi-responses.js';

const ref = (name: string) => ({ $ref: `${schemasRefBase}${name}` });
const json = (schema: JsonSchema) => ({ 'application/json': { schema } });
const clientHeader = { $ref: '#/components/parameters/ContractClientRequired' };
const done = { description: 'Done.', content: json(resultBodySchema({ type: 'null' })) };

/**
 * The event channel's endpoints over HTTP (docs/protocol.md): open a client,
 * read and acknowledge its events (heartbeat or long poll), release
 * callbacks, close. What an event's `args` hold per callback method is in
 * the AsyncAPI document.
 */
export function openApiEventPaths(): Record<string, JsonSchema> {
  return {
    [EVENT_ENDPOINTS.open]: { post: openOperation() },
    [EVENT_ENDPOINTS.events]: { get: eventsOperation() },
    [EVENT_ENDPOINTS.release]: { post: releaseOperation() },
    [EVENT_ENDPOINTS.close]: { post: closeOperation() },
  };
}

function openOperation(): JsonSchema {
  return {
    operationId: '_open',
    tags: ['events'],
    summary: 'Open a client.',
    description:
      'Its id names the caller in X-Contract-Client; it is the only key to its events. Body empty or {}.',
    requestBody: { required: false, content: json({ type: 'object' }) },
    responses: {
      '200': { description: 'The new client.', content: json(ref(protocolSchemaNames.openBody)) },
      ...errorResponses(['Unauthenticated', 'Forbidden', 'Internal']),
    },
  };
}

function eventsOperation(): JsonSchema {
  const count = (description: string) => ({ type: 'integer', minimum: 0, default: 0, description });
  return {
    operationId: '_events',
    tags: ['events'],
    summary: 'Read and acknowledge events.',
    description:
      'Answers the events with seq > after, in order (at least once: drop a seq already processed). `wait=0` is a heartbeat poll; ' +
      '`wait>0` a long poll held until an event is queued or `wait` ms pass (clamped to the `wait` of _open).',
    parameters: [
      {
        name: 'after',
        in: 'query',
        required: false,
        schema: count('Acknowledges every event with seq <= after: send the last seq processed.'),
      },
      {
        name: 'wait',
        in: 'query',
        required: false,
        schema: count('Milliseconds to hold the request while no event is queued.'),
      },
      clientHeader,
    ],
    responses: {
      '200': {
        description: 'The events, maybe with a gap notice.',
        headers: { 'Cache-Control': { schema: { type: 'string', const: 'no-store' } } },
        content: json(ref(protocolSchemaNames.eventsBody)),
      },
      ...errorResponses([
        'BadRequest',
        'Unauthenticated',
        'Forbidden',
        'UnknownClient',
        'Internal',
      ]),
    },
  };
}

function releaseOperation(): JsonSchema {
  return {
    operationId: '_release',
    tags: ['events'],
    summary: 'Release callbacks.',
    description:
      "The stand-ins stop sending and the server's release hooks run. Unknown ids are ignored.",
    parameters: [clientHeader],
    requestBody: {
      required: true,
      content: json({
        type: 'array',
        items: { type: 'integer', minimum: 0 },
        description: 'Callback ids (the n of {"$cb": n}).',
      }),
    },
    responses: { '200': done, ...errorResponses(['BadRequest', 'UnknownClient', 'Internal']) },
  };
}

function closeOperation(): JsonSchema {
  return {
    operationId: '_close',
    tags: ['events'],
    summary: 'Close a client.',
    description:
      'Releases all its callbacks and forgets its id; a repeated close answers 410, which a client may treat as success.',
    parameters: [clientHeader],
    responses: { '200': done, ...errorResponses(['UnknownClient', 'Internal']) },
  };
}
