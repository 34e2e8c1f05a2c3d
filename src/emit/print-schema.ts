import { findCallback, lookupType } from '../contract/find-type.js';
import type { Contract, Property, Refinements, TupleElement, TypeRef } from '../contract/model.js';
import { callbackName, schemaName } from '../names/names.js';
import type { ImportSet } from './import-set.js';
import { isInstantiation } from './plan-schema-modules.js';
import { propertyKey, quote } from './quote.js';

/** What printing a schema expression needs to know about the module it lands in. */
export interface SchemaContext {
  readonly contract: Contract;
  readonly imports: ImportSet;
  /** The path of the schema module being emitted (`chat.schema.ts`). */
  readonly module: string;
  /** Schema constants already declared above the current one in this module. */
  readonly declared: ReadonlySet<string>;
  /** The module declaring a contract file's types and callbacks (`SchemaPlan.homeOf`). */
  readonly homeOf: (file: string) => string;
  /** The specifier this module imports another schema module by (`./common.schema.js`). */
  readonly specifier: (module: string) => string;
}

/**
 * Prints the runtime schema expression for a model type (`s.array(ChatMessageSchema)`).
 * A schema of another module is imported (generated modules never import
 * each other in a cycle, so it is initialised first); one of this module
 * that is not declared above yet, which the declaration order leaves only
 * for recursion, is wrapped in `s.lazy`, so evaluation never reaches an
 * uninitialised constant.
 */
export function printSchema(ref: TypeRef, ctx: SchemaContext): string {
  switch (ref.kind) {
    case 'primitive':
      return `s.${ref.name}()`;
    case 'literal':
      return `s.literal(${typeof ref.value === 'string' ? quote(ref.value) : String(ref.value)})`;
    case 'date':
      return 's.date()';
    case 'bytes':
      return 's.bytes()';
    case 'void':
      return 's.void()';
    case 'array':
      return `s.array(${printSchema(ref.element, ctx)})`;
    case 'tuple':
      return printTuple(ref.elements, ctx);
    case 'object':
      return printObjectSchema(ref.properties, ctx, ref.rest);
    case 'record':
      return ref.key === 'number'
        ? `s.record(${printSchema(ref.value, ctx)}, 'number')`
        : `s.record(${printSchema(ref.value, ctx)})`;
    case 'refined':
      return printRefinedSchema(printSchema(ref.of, ctx), ref.checks);
    case 'union':
      return `s.union([${orderUnion(ref.members)
        .map((m) => printSchema(m, ctx))
        .join(', ')}])`;
    case 'ref':
      return printRefSchema(ref.id, ctx);
    case 'callback':
      return `s.callback(${printCallbackRef(ref.name, ctx)})`;
    case 'promise':
      return printSchema(ref.of, ctx);
    case 'unsupported':
      return 's.unknown()';
  }
}

/**
 * The schema of an object type's properties: `s.object({ a: s.string(), b: s.optional(s.number()) })`;
 * with an index signature beside them, `s.openObject({ a: s.string() }, s.unknown())`.
 */
export function printObjectSchema(
  properties: readonly Property[],
  ctx: SchemaContext,
  rest?: TypeRef,
): string {
  const entries = properties.map((p) => {
    const schema = printSchema(p.type, ctx);
    return `${propertyKey(p.name)}: ${p.optional ? `s.optional(${schema})` : schema}`;
  });
  const props = `{ ${entries.join(', ')} }`;
  return rest ? `s.openObject(${props}, ${printSchema(rest, ctx)})` : `s.object(${props})`;
}

/** `s.refine(inner, { integer: 'int32', minimum: 0 })`; a brand alone adds no check and prints as its base. */
function printRefinedSchema(inner: string, checks: Refinements): string {
  const entries = Object.entries(checks).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return inner;
  const printed = entries.map(([k, v]) => `${k}: ${typeof v === 'string' ? quote(v) : String(v)}`);
  return `s.refine(${inner}, { ${printed.join(', ')} })`;
}

/**
 * Union members in decoding order: the first member that decodes wins, and
 * `Date`, `bigint` and `Uint8Array` travel as strings, so a plain `string`
 * member goes last or it would swallow them. Otherwise source order.
 */
function orderUnion(members: readonly TypeRef[]): readonly TypeRef[] {
  const isString = (m: TypeRef) => m.kind === 'primitive' && m.name === 'string';
  return [...members.filter((m) => !isString(m)), ...members.filter(isString)];
}

function printTuple(elements: readonly TupleElement[], ctx: SchemaContext): string {
  const fixed = elements.filter((e) => !e.rest);
  const rest = elements.find((e) => e.rest);
  const items = fixed.map((e) => {
    const schema = printSchema(e.type, ctx);
    return e.optional ? `s.optional(${schema})` : schema;
  });
  const tail = rest ? `, ${printSchema(rest.type, ctx)}` : '';
  return `s.tuple([${items.join(', ')}]${tail})`;
}

function printRefSchema(id: string, ctx: SchemaContext): string {
  const type = lookupType(ctx.contract, id);
  const name = schemaName(type, ctx.contract);
  // Every module declares the instantiations it uses (plan-schema-modules.ts).
  const home = isInstantiation(type) ? ctx.module : ctx.homeOf(type.span.file);
  if (home !== ctx.module) return ctx.imports.addValue(ctx.specifier(home), name);
  return ctx.declared.has(name) ? name : `s.lazy(() => ${name})`;
}

function printCallbackRef(name: string, ctx: SchemaContext): string {
  const callback = findCallback(ctx.contract, name);
  const constant = callbackName(name);
  const home = callback ? ctx.homeOf(callback.span.file) : ctx.module;
  return home === ctx.module ? constant : ctx.imports.addValue(ctx.specifier(home), constant);
}
