import type {
  Contract,
  EnumMember,
  NamedType,
  Property,
  TupleElement,
  TypeRef,
} from '../contract/model.js';
import { lookupType } from '../contract/find-type.js';
import { schemaName } from '../names/names.js';
import { callbackRefSchema, serviceRefSchema } from './wire-schemas.js';
import { docAnnotations } from './doc-annotations.js';
import {
  annotate,
  orNull,
  tupleSchema,
  type JsonSchema,
  type SchemaDialect,
} from './json-schema.js';
import { unionSchema } from './union-schema.js';
import { refinedSchema } from './refined-schema.js';
import { numericKeyPattern, wireDatePattern } from '@contract-gen/runtime/schema';

/**
 * The one TypeRef → JSON Schema converter both API documents use. Named
 * types become `$ref`s to `{refBase}{componentName}` (so recursive types are
 * finite), everything else is spelled inline. Schemas describe the wire
 * encoding (docs/contracts.md): `Date` an ISO 8601 string, `bigint` a decimal
 * string, `Uint8Array` base64.
 */
export interface TypeSchemaContext {
  readonly contract: Contract;
  readonly dialect: SchemaDialect;
  /** Where named types live: `#/components/schemas/` in both documents. */
  readonly refBase: string;
}

/** The schema of a use of a type. `Promise<T>` is `T`'s; `void` is `null` (what a void method answers). */
export function typeSchema(ref: TypeRef, ctx: TypeSchemaContext): JsonSchema {
  switch (ref.kind) {
    case 'primitive':
      return primitiveSchema(ref.name);
    case 'literal':
      return { type: typeof ref.value, const: ref.value };
    case 'date':
      // The runtime's one rule (formats.ts), not `format: date-time`, which refuses what the runtime accepts and writes
      // (a date alone, years past 9999).
      return { type: 'string', pattern: wireDatePattern, 'x-contract-gen-type': 'Date' };
    case 'bytes':
      return { type: 'string', contentEncoding: 'base64' };
    case 'array':
      return { type: 'array', items: typeSchema(ref.element, ctx) };
    case 'tuple':
      return tupleOf(ref.elements, ctx);
    case 'object':
      return objectSchema(ref.properties, ctx, ref.rest);
    case 'record':
      return {
        type: 'object',
        ...(ref.key === 'number' ? { propertyNames: { pattern: numericKeyPattern } } : {}),
        additionalProperties: typeSchema(ref.value, ctx),
      };
    case 'refined':
      return refinedSchema(typeSchema(ref.of, ctx), ref.checks, ref.brand);
    case 'union':
      return unionSchema(ref.members, (member) => typeSchema(member, ctx));
    case 'ref':
      return { $ref: `${ctx.refBase}${componentName(ctx.contract, ref.id)}` };
    case 'callback':
      return callbackRefSchema(ref.name);
    case 'service':
      return serviceRefSchema(ref.name);
    case 'promise':
      return typeSchema(ref.of, ctx);
    case 'void':
      return { type: 'null' };
    case 'unsupported':
      // Only `any` gets this far (a warning); other unsupported types stop the run before docs are made.
      return {};
  }
}

/** The key of a named type under `components/schemas`: the emitter's schema name without its suffix (`PageOfTask` for `Page<Task>`). */
export function componentName(contract: Contract, id: string): string {
  return schemaName(lookupType(contract, id), contract).replace(/Schema$/, '');
}

/** The schema of a named type's definition, with its JSDoc; a generic instantiation is titled as written (`Page<Task>`). */
export function namedTypeSchema(type: NamedType, ctx: TypeSchemaContext): JsonSchema {
  const def = type.definition;
  const body =
    def.kind === 'object'
      ? objectSchema(def.properties, ctx, def.rest)
      : def.kind === 'alias'
        ? typeSchema(def.type, ctx)
        : enumSchema(def.members);
  const title = type.typeArguments ? type.id : undefined;
  return annotate(body, { title, ...docAnnotations(type.doc) }, ctx.dialect);
}

function primitiveSchema(name: string): JsonSchema {
  if (name === 'bigint') return { type: 'string', pattern: '^-?\\d+$' };
  if (name === 'unknown') return {};
  // `undefined` crosses the wire as null (or as an absent member).
  if (name === 'undefined') return { type: 'null' };
  return { type: name };
}

/**
 * Properties in declaration order; optional ones (or ones that may be
 * `undefined`) are not `required`. Unknown keys of a closed object are
 * dropped by the runtime, not refused, so `additionalProperties` stays open;
 * an open object's (`rest`, an index signature beside properties) says what they hold.
 */
function objectSchema(
  properties: readonly Property[],
  ctx: TypeSchemaContext,
  rest?: TypeRef,
): JsonSchema {
  const props: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const p of properties) {
    props[p.name] = annotate(typeSchema(p.type, ctx), docAnnotations(p.doc), ctx.dialect);
    if (!p.optional && !mayBeUndefined(p.type)) required.push(p.name);
  }
  return {
    type: 'object',
    properties: props,
    ...(required.length > 0 ? { required } : {}),
    ...(rest ? { additionalProperties: typeSchema(rest, ctx) } : {}),
  };
}

function mayBeUndefined(ref: TypeRef): boolean {
  return (
    ref.kind === 'union' &&
    ref.members.some((m) => m.kind === 'primitive' && m.name === 'undefined')
  );
}

function tupleOf(elements: readonly TupleElement[], ctx: TypeSchemaContext): JsonSchema {
  const fixed = elements.filter((e) => !e.rest);
  const rest = elements.find((e) => e.rest);
  const items = fixed.map((e) => {
    const schema = typeSchema(e.type, ctx);
    return annotate(e.optional ? orNull(schema) : schema, { title: e.label }, ctx.dialect);
  });
  const required = fixed.filter((e) => !e.optional).length;
  return tupleSchema(items, required, rest ? typeSchema(rest.type, ctx) : undefined, ctx.dialect);
}

function enumSchema(members: readonly EnumMember[]): JsonSchema {
  const values = members.map((m) => m.value);
  const type = values.every((v) => typeof v === 'string')
    ? 'string'
    : values.every((v) => Number.isInteger(v))
      ? 'integer'
      : values.every((v) => typeof v === 'number')
        ? 'number'
        : undefined;
  const descriptions = members.some((m) => m.doc?.summary)
    ? { 'x-enum-descriptions': members.map((m) => m.doc?.summary ?? '') }
    : {};
  // x-enum-varnames: the member names, which code generators (openapi-generator, NSwag) use for the enum's constants.
  return {
    ...(type ? { type } : {}),
    enum: values,
    'x-enum-varnames': members.map((m) => m.name),
    ...descriptions,
  };
}
