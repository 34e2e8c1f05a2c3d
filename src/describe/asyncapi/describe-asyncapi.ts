import type { Contract } from '../../contract/model.js';
import { lookupType } from '../../contract/find-type.js';
import { protocolSchemaNames, schemasRefBase, type DescribeOptions } from '../describe-options.js';
import type { JsonSchema } from '../json-schema.js';
import { reachableTypes } from '../reachable-types.js';
import { sortKeys } from '../sort-keys.js';
import { componentName, namedTypeSchema, type TypeSchemaContext } from '../type-schema.js';
import { eventSchema, gapSchema } from '../wire-schemas.js';
import {
  asyncApiChannel,
  asyncApiMessage,
  asyncApiOperation,
  messageKey,
} from './asyncapi-channel.js';
import { asyncApiServers } from './asyncapi-servers.js';

/**
 * The AsyncAPI 3.0 document of a contract's callback events, from the
 * server's side (it sends them): a channel per callback interface, a message
 * and a `send` operation per callback method, the two servers (HTTP long
 * polling, WebSocket). Schemas use AsyncAPI's default format (draft-07), made
 * by the same converter as the OpenAPI document's.
 */
export function describeAsyncApi(contract: Contract, options: DescribeOptions): JsonSchema {
  const ctx: TypeSchemaContext = { contract, dialect: 'draft-07', refBase: schemasRefBase };
  const channels: Record<string, JsonSchema> = {};
  const operations: Record<string, JsonSchema> = {};
  const messages: Record<string, JsonSchema> = {};
  for (const callback of contract.callbacks) {
    channels[callback.name] = asyncApiChannel(callback);
    for (const method of callback.methods) {
      operations[messageKey(callback, method)] = asyncApiOperation(callback, method);
      messages[messageKey(callback, method)] = asyncApiMessage(callback, method, ctx);
    }
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: options.title,
      version: options.version,
      description:
        'The callback events of a contract-gen API (protocol v1), as the server sends them. A client passes a callback to a service method as ' +
        '{"$cb": n} (see the OpenAPI document beside this one); every event for it carries "cb": n, a "seq" to acknowledge, the callback ' +
        'method and its arguments. Events arrive in order, at least once on the wire: drop a seq already processed.',
    },
    servers: asyncApiServers(options.serverUrl),
    defaultContentType: 'application/json',
    channels: sortKeys(channels),
    operations: sortKeys(operations),
    components: { schemas: componentSchemas(contract, ctx), messages: sortKeys(messages) },
  };
}

function componentSchemas(contract: Contract, ctx: TypeSchemaContext): Record<string, JsonSchema> {
  const roots = contract.callbacks.flatMap((c) =>
    c.methods.flatMap((m) => m.params.map((p) => p.type)),
  );
  const schemas: Record<string, JsonSchema> = {
    [protocolSchemaNames.event]: eventSchema(),
    [protocolSchemaNames.gap]: gapSchema(),
  };
  for (const id of reachableTypes(contract, roots))
    schemas[componentName(contract, id)] = namedTypeSchema(lookupType(contract, id), ctx);
  return sortKeys(schemas);
}
