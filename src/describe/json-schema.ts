/**
 * JSON Schema as plain data, and the two dialects the API documents need.
 * OpenAPI 3.1 schemas are JSON Schema 2020-12; AsyncAPI 3.0's default schema
 * format is a superset of draft-07. The dialects differ in two places that
 * matter here: how a tuple is spelled (`prefixItems` against an `items`
 * array) and whether keywords beside a `$ref` count (draft-07 ignores them).
 */

/** A JSON Schema object. Built fresh for every use, so callers may spread it. */
export type JsonSchema = { readonly [keyword: string]: unknown };

/** `2020-12` for OpenAPI 3.1, `draft-07` for AsyncAPI 3.0's default schema format. */
export type SchemaDialect = '2020-12' | 'draft-07';

/** What the contract's docs add to a schema: all optional, absent keys stay absent. */
export interface Annotations {
  readonly title?: string | undefined;
  readonly description?: string | undefined;
  readonly deprecated?: boolean | undefined;
}

/**
 * `schema` with `title`, `description` and `deprecated` added. A `$ref` with
 * annotations is wrapped in `allOf` for draft-07, whose `$ref` makes its
 * siblings ignored; 2020-12 keeps them side by side.
 */
export function annotate(
  schema: JsonSchema,
  annotations: Annotations,
  dialect: SchemaDialect,
): JsonSchema {
  const extra: Record<string, unknown> = {};
  if (annotations.title !== undefined) extra['title'] = annotations.title;
  if (annotations.description !== undefined) extra['description'] = annotations.description;
  if (annotations.deprecated) extra['deprecated'] = true;
  if (Object.keys(extra).length === 0) return schema;
  if (dialect === 'draft-07' && '$ref' in schema) return { allOf: [schema], ...extra };
  return { ...schema, ...extra };
}

/** Whether `schema` (as this converter builds them) already lets `null` through. */
export function acceptsNull(schema: JsonSchema): boolean {
  const type = schema['type'];
  if (type === 'null' || (Array.isArray(type) && type.includes('null'))) return true;
  if (Array.isArray(schema['enum']) && schema['enum'].includes(null)) return true;
  if (Object.keys(schema).length === 0) return true;
  const anyOf = schema['anyOf'];
  return Array.isArray(anyOf) && anyOf.some((member) => acceptsNull(member as JsonSchema));
}

/** `schema` or null: an optional positional slot (argument, tuple element) that a sender leaves empty in the middle is `null` on the wire. */
export function orNull(schema: JsonSchema): JsonSchema {
  return acceptsNull(schema) ? schema : { anyOf: [schema, { type: 'null' }] };
}

/**
 * A tuple in the dialect's spelling. `minItems` is the number of required
 * elements; without `rest`, more elements than declared are refused (as the
 * runtime refuses them).
 */
export function tupleSchema(
  items: readonly JsonSchema[],
  required: number,
  rest: JsonSchema | undefined,
  dialect: SchemaDialect,
): JsonSchema {
  const bounds = {
    ...(required > 0 ? { minItems: required } : {}),
    ...(rest ? {} : { maxItems: items.length }),
  };
  if (items.length === 0)
    return rest ? { type: 'array', items: rest, ...bounds } : { type: 'array', ...bounds };
  if (dialect === '2020-12')
    return { type: 'array', prefixItems: items, items: rest ?? false, ...bounds };
  return { type: 'array', items, additionalItems: rest ?? false, ...bounds };
}
