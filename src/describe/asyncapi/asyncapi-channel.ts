import type { CallbackInterface, Method } from '../../contract/model.js';
import { argumentsSchema } from '../arguments-schema.js';
import { describeDoc, firstSentence } from '../doc-annotations.js';
import type { JsonSchema } from '../json-schema.js';
import type { TypeSchemaContext } from '../type-schema.js';
import { eventSchema } from '../wire-schemas.js';
import { pollQuerySchema } from './asyncapi-servers.js';

/** The key of a callback method's message and operation: `ChatEvents.messagePosted`. */
export function messageKey(callback: CallbackInterface, method: Method): string {
  return `${callback.name}.${method.name}`;
}

/**
 * The channel of one callback interface: the events the server sends to the
 * callback a client passed as `{"$cb": n}`. Every client has one event
 * stream that carries all its callbacks' events, told apart by `cb`, so the
 * channel has no address of its own (`null`): the servers say where the
 * stream is read.
 */
export function asyncApiChannel(callback: CallbackInterface): JsonSchema {
  const messages: Record<string, JsonSchema> = {};
  for (const method of callback.methods)
    messages[method.name] = { $ref: `#/components/messages/${messageKey(callback, method)}` };
  const doc = describeDoc(callback.doc);
  return {
    address: null,
    title: callback.name,
    description:
      `${doc ? `${doc}\n\n` : ''}Events of callback interface ${callback.name}, for the callback a client passed as {"$cb": n} ` +
      `to a service method: each event carries "cb": n.`,
    messages,
    bindings: { ws: { method: 'GET', bindingVersion: '0.1.0' } },
  };
}

/** The server's operation of sending one callback method's events, with the long-poll request that reads them. */
export function asyncApiOperation(callback: CallbackInterface, method: Method): JsonSchema {
  const summary = firstSentence(method.doc?.summary);
  const description = describeDoc(method.doc);
  return {
    action: 'send',
    channel: { $ref: `#/channels/${callback.name}` },
    title: messageKey(callback, method),
    ...(summary ? { summary } : {}),
    ...(description ? { description } : {}),
    messages: [{ $ref: `#/channels/${callback.name}/messages/${method.name}` }],
    bindings: { http: { method: 'GET', query: pollQuerySchema(), bindingVersion: '0.3.0' } },
  };
}

/** One callback method's message: the event envelope with `method` fixed and its arguments as a tuple. */
export function asyncApiMessage(
  callback: CallbackInterface,
  method: Method,
  ctx: TypeSchemaContext,
): JsonSchema {
  const summary = firstSentence(method.doc?.summary);
  const description = describeDoc(method.doc);
  const payload = eventSchema(method.name, argumentsSchema(method, ctx));
  return {
    name: method.name,
    title: messageKey(callback, method),
    ...(summary ? { summary } : {}),
    ...(description ? { description } : {}),
    contentType: 'application/json',
    payload: method.doc?.deprecated !== undefined ? { ...payload, deprecated: true } : payload,
  };
}
