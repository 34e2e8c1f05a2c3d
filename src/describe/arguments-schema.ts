import type { Method, Param } from '../contract/model.js';
import { annotate, orNull, tupleSchema, type JsonSchema } from './json-schema.js';
import { typeSchema, type TypeSchemaContext } from './type-schema.js';

/**
 * A method's argument array as a tuple: one element per parameter, titled
 * with its name and described by its `@param`; `minItems` the required ones,
 * no more than declared (the runtime refuses extra arguments). The same shape
 * is a call's request body and an event's `args`.
 */
export function argumentsSchema(method: Method, ctx: TypeSchemaContext): JsonSchema {
  const items = method.params.map((p) => paramSchema(p, method, ctx));
  const required = method.params.filter((p) => !p.optional).length;
  return tupleSchema(items, required, undefined, ctx.dialect);
}

/** An optional argument left out before a given one is sent as `null`, so it may be `null`. */
function paramSchema(param: Param, method: Method, ctx: TypeSchemaContext): JsonSchema {
  const schema = typeSchema(param.type, ctx);
  return annotate(
    param.optional ? orNull(schema) : schema,
    { title: param.name, description: method.doc?.params?.[param.name] },
    ctx.dialect,
  );
}
