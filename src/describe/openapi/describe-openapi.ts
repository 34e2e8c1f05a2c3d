import type { Contract, TypeRef } from '../../contract/model.js';
import { lookupType } from '../../contract/find-type.js';
import { CLIENT_HEADER, REF_HEADER } from '@contract-gen/runtime/protocol';
import { describeDoc } from '../doc-annotations.js';
import { protocolSchemaNames, schemasRefBase, type DescribeOptions } from '../describe-options.js';
import type { JsonSchema } from '../json-schema.js';
import { reachableTypes } from '../reachable-types.js';
import { sortKeys } from '../sort-keys.js';
import { componentName, namedTypeSchema, type TypeSchemaContext } from '../type-schema.js';
import {
  errorBodySchema,
  eventSchema,
  eventsBodySchema,
  gapSchema,
  openBodySchema,
} from '../wire-schemas.js';
import { openApiEventPaths } from './openapi-event-paths.js';
import { openApiOperation } from './openapi-operation.js';
import { errorResponseComponents } from './openapi-responses.js';

/**
 * The OpenAPI 3.1 document of a contract's HTTP binding: one
 * `POST /{Service}/{method}` per service method (in contract order, grouped
 * by a tag per service), the event channel's endpoints when the contract has
 * callbacks, and under `components` the named types the operations use
 * (sorted by name) plus the protocol's messages.
 */
export function describeOpenApi(contract: Contract, options: DescribeOptions): JsonSchema {
  const ctx: TypeSchemaContext = { contract, dialect: '2020-12', refBase: schemasRefBase };
  const hasEvents = contract.callbacks.length > 0;
  const paths: Record<string, JsonSchema> = {};
  const referenced = referencedServices(contract);
  for (const service of contract.services) {
    for (const method of service.methods)
      paths[`/${service.name}/${method.name}`] = {
        post: openApiOperation(service, method, ctx, referenced.has(service.name)),
      };
  }
  if (hasEvents) Object.assign(paths, openApiEventPaths());
  return {
    openapi: '3.1.0',
    info: {
      title: options.title,
      version: options.version,
      description:
        'The HTTP binding of a contract-gen API (protocol v1): every call is a POST of a JSON array of the arguments, answered with {"result": ...} ' +
        'or {"error": {...}}. Callback events are described in the AsyncAPI document beside this one.',
    },
    servers: [{ url: options.serverUrl }],
    tags: [
      ...contract.services.map((s) => ({
        name: s.name,
        ...optionalDescription(describeDoc(s.doc)),
      })),
      ...(hasEvents
        ? [
            {
              name: 'events',
              description: 'The event channel: callbacks from the server, read by polling.',
            },
          ]
        : []),
    ],
    paths,
    components: {
      schemas: componentSchemas(contract, ctx, hasEvents),
      parameters: clientParameters(referenced.size > 0),
      responses: errorResponseComponents(),
    },
  };
}

function componentSchemas(
  contract: Contract,
  ctx: TypeSchemaContext,
  hasEvents: boolean,
): Record<string, JsonSchema> {
  const roots: TypeRef[] = contract.services.flatMap((s) =>
    s.methods.flatMap((m) => [m.returns, ...m.params.map((p) => p.type)]),
  );
  const schemas: Record<string, JsonSchema> = {
    [protocolSchemaNames.errorBody]: errorBodySchema(),
  };
  if (hasEvents) {
    schemas[protocolSchemaNames.event] = eventSchema();
    schemas[protocolSchemaNames.gap] = gapSchema();
    schemas[protocolSchemaNames.eventsBody] = eventsBodySchema(
      { $ref: `${schemasRefBase}${protocolSchemaNames.event}` },
      { $ref: `${schemasRefBase}${protocolSchemaNames.gap}` },
    );
    schemas[protocolSchemaNames.openBody] = openBodySchema();
  }
  for (const id of reachableTypes(contract, roots)) {
    schemas[componentName(contract, id)] = namedTypeSchema(lookupType(contract, id), ctx);
  }
  return sortKeys(schemas);
}

/** The services some method returns a reference to (docs/protocol.md, "Service references"). */
function referencedServices(contract: Contract): Set<string> {
  const names = new Set<string>();
  for (const service of contract.services)
    for (const method of service.methods) {
      const returns = method.returns.kind === 'promise' ? method.returns.of : method.returns;
      if (returns.kind === 'service') names.add(returns.name);
    }
  return names;
}

function clientParameters(withReferences: boolean): Record<string, JsonSchema> {
  const header = (required: boolean, description: string) => ({
    name: CLIENT_HEADER.replace(/(^|-)[a-z]/g, (c) => c.toUpperCase()),
    in: 'header',
    required,
    schema: { type: 'string' },
    description,
  });
  return {
    ContractClient: header(
      false,
      "The caller's client id (from POST /_open). Optional here; when sent it keeps the client alive, and an unknown id is 410.",
    ),
    ContractClientRequired: header(
      true,
      "The caller's client id (from POST /_open): required with callback arguments and on the event endpoints.",
    ),
    ...(withReferences && {
      ContractRef: {
        name: REF_HEADER.replace(/(^|-)[a-z]/g, (c) => c.toUpperCase()),
        in: 'header',
        required: false,
        schema: { type: 'string' },
        description:
          'The token of the service reference the call is made through (the `ref` of a method result `{"$service", "ref", "url"?}`), at that reference\'s `url`: the call runs on that instance. An unknown or released token is 404 UNKNOWN_REF.',
      },
    }),
  };
}

function optionalDescription(description: string | undefined): { description?: string } {
  return description ? { description } : {};
}
