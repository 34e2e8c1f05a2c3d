import type { Method, ServiceInterface } from '../../contract/model.js';
import { argumentsSchema } from '../arguments-schema.js';
import { describeDoc, docAnnotations, firstSentence } from '../doc-annotations.js';
import type { JsonSchema } from '../json-schema.js';
import { typeSchema, type TypeSchemaContext } from '../type-schema.js';
import { resultBodySchema } from '../wire-schemas.js';
import { errorResponses, type ErrorResponseName } from './openapi-responses.js';

/** Every call can fail with these (docs/protocol.md, "Errors"). */
const callErrors: readonly ErrorResponseName[] = [
  'BadRequest',
  'Unauthenticated',
  'Forbidden',
  'NotFound',
  'UnknownClient',
  'TooLarge',
  'UnsupportedMediaType',
  'ApplicationError',
  'Internal',
];

/**
 * The `POST /{Service}/{method}` operation of one service method: the
 * arguments as a tuple, the answer `{"result": ...}`, the error answers, and
 * the X-Contract-Client header (required when a callback is passed).
 */
export function openApiOperation(
  service: ServiceInterface,
  method: Method,
  ctx: TypeSchemaContext,
  /** Whether some method returns a reference to `service`: its calls may name the instance (X-Contract-Ref). */
  referenced = false,
): JsonSchema {
  const hasCallback = method.params.some((p) => p.type.kind === 'callback');
  const returns = method.returns.kind === 'promise' ? method.returns.of : method.returns;
  // A reference result lives with the calling client: the header is required, as with a callback.
  const needsClient = hasCallback || returns.kind === 'service';
  const doc = docAnnotations(method.doc);
  const description = describeDoc(method.doc);
  return {
    operationId: `${service.name}_${method.name}`,
    tags: [service.name],
    summary: firstSentence(method.doc?.summary) ?? `${service.name}.${method.name}`,
    ...(description ? { description } : {}),
    ...(doc.deprecated ? { deprecated: true } : {}),
    parameters: [
      {
        $ref: `#/components/parameters/${needsClient ? 'ContractClientRequired' : 'ContractClient'}`,
      },
      ...(referenced ? [{ $ref: '#/components/parameters/ContractRef' }] : []),
    ],
    requestBody: {
      required: true,
      description: `The arguments in order, as a JSON array: [${method.params.map((p) => p.name).join(', ')}]. Trailing optional ones may be left out.`,
      content: { 'application/json': { schema: argumentsSchema(method, ctx) } },
    },
    responses: {
      '200': {
        description:
          method.doc?.returns ??
          (returns.kind === 'void' ? 'Done: the result is always null.' : 'The result.'),
        content: { 'application/json': { schema: resultBodySchema(typeSchema(returns, ctx)) } },
      },
      ...errorResponses(hasCallback ? [...callErrors, 'NotImplemented'] : callErrors),
    },
  };
}
