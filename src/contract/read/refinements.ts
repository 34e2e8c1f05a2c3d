import { ts } from './typescript.js';
import type { DocTag, Refinements, Span, TypeRef } from '../model.js';
import type { ReadSession } from './read-session.js';
import { unsupported } from './unsupported.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Each refinement tag of 'contract-gen' (src/tags.ts) and the field it sets. */
const tagFields: Readonly<Record<string, keyof Refinements>> = {
  Type: 'integer',
  Minimum: 'minimum',
  Maximum: 'maximum',
  ExclusiveMinimum: 'exclusiveMinimum',
  ExclusiveMaximum: 'exclusiveMaximum',
  MultipleOf: 'multipleOf',
  MinLength: 'minLength',
  MaxLength: 'maxLength',
  Pattern: 'pattern',
  Format: 'format',
  MinItems: 'minItems',
  MaxItems: 'maxItems',
  UniqueItems: 'uniqueItems',
};

/** The aliases 'contract-gen' declares over the tags. */
const tagAliases = new Set(['Int32', 'Uint32', 'Int64', 'Integer']);

/** Whether a name imported from 'contract-gen' is a refinement tag or one of its aliases. */
export function isTagName(name: string): boolean {
  return Object.hasOwn(tagFields, name) || tagAliases.has(name);
}

const integerKinds = new Set(['integer', 'int32', 'uint32', 'int64', 'uint64']);
const formats = new Set(['date-time', 'date', 'email', 'uri', 'uuid']);
const counts = new Set<keyof Refinements>(['minLength', 'maxLength', 'minItems', 'maxItems']);

/** The family of value a refinement applies to (JSON Schema's: a number keyword says nothing of a string). */
export function familyOf(field: keyof Refinements): 'number' | 'string' | 'array' {
  if (field === 'minLength' || field === 'maxLength' || field === 'pattern' || field === 'format')
    return 'string';
  if (field === 'minItems' || field === 'maxItems' || field === 'uniqueItems') return 'array';
  return 'number';
}

/**
 * Sets `field` of `checks` from a tag's argument; the reason it cannot, or
 * undefined. Each field is checked for what the runtime and JSON Schema need:
 * a finite number, a count, a known integer kind or format, a pattern that compiles.
 */
export function setRefinement(
  checks: Mutable<Refinements>,
  field: keyof Refinements,
  value: string | number | boolean | undefined,
  tag: string,
): string | undefined {
  const record = checks as Record<string, unknown>;
  if (field === 'uniqueItems') {
    checks.uniqueItems = true;
    return undefined;
  }
  if (field === 'integer') {
    if (typeof value !== 'string' || !integerKinds.has(value))
      return `${tag} takes one of ${[...integerKinds].map((k) => `'${k}'`).join(', ')}`;
    checks.integer = value as NonNullable<Refinements['integer']>;
    return undefined;
  }
  if (field === 'format') {
    if (typeof value !== 'string' || !formats.has(value))
      return `${tag} takes one of ${[...formats].map((k) => `'${k}'`).join(', ')}`;
    checks.format = value as NonNullable<Refinements['format']>;
    return undefined;
  }
  if (field === 'pattern') {
    if (typeof value !== 'string') return `${tag} takes a string literal`;
    try {
      new RegExp(value, 'u');
    } catch {
      return `${tag}<'${value}'> is not a valid regular expression`;
    }
    checks.pattern = value;
    return undefined;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) return `${tag} takes a number literal`;
  if (counts.has(field) && (!Number.isInteger(value) || value < 0))
    return `${tag} takes a whole number ≥ 0`;
  if (field === 'multipleOf' && value <= 0) return `${tag} takes a number > 0`;
  if (record[field] !== undefined && record[field] !== value)
    return `${tag} is given twice with different values`;
  record[field] = value;
  return undefined;
}

/** Wraps `of` in its refinements and brand; `of` itself when there are none. */
export function refined(of: TypeRef, checks: Refinements, brand?: string): TypeRef {
  if (Object.keys(checks).length === 0 && brand === undefined) return of;
  if (of.kind === 'refined') {
    return refined(of.of, { ...of.checks, ...checks }, brand ?? of.brand);
  }
  return { kind: 'refined', of, checks, ...(brand !== undefined ? { brand } : {}) };
}

/** Whether a checker type is a tag declared by 'contract-gen'. */
export function tagNameOf(s: ReadSession, type: ts.Type): string | undefined {
  const symbol = type.getSymbol();
  const file = symbol?.declarations?.[0]?.getSourceFile().fileName;
  if (file !== s.contractGenModulePath) return undefined;
  const name = symbol!.getName();
  return Object.hasOwn(tagFields, name) ? name : undefined;
}

/** The literal a tag was given (`Minimum<0>` → 0), or undefined (`UniqueItems`). */
function tagArgument(s: ReadSession, type: ts.Type): string | number | boolean | undefined {
  const [arg] = s.checker.getTypeArguments(type as ts.TypeReference);
  if (!arg) return undefined;
  if (arg.flags & ts.TypeFlags.StringLiteral) return (arg as ts.StringLiteralType).value;
  if (arg.flags & ts.TypeFlags.NumberLiteral) return (arg as ts.NumberLiteralType).value;
  return s.checker.typeToString(arg);
}

/** `string & { readonly __brand: 'UserId' }`: an anonymous object type beside a primitive; its name is its first string literal, else its first key. */
function brandOf(s: ReadSession, type: ts.Type): string | undefined {
  if (!(type.flags & ts.TypeFlags.Object)) return undefined;
  const props = s.checker.getPropertiesOfType(type);
  const first = props[0];
  if (!first) return undefined;
  const declaration = first.declarations?.[0];
  const propType = declaration
    ? s.checker.getTypeOfSymbolAtLocation(first, declaration)
    : undefined;
  return propType && propType.flags & ts.TypeFlags.StringLiteral
    ? (propType as ts.StringLiteralType).value
    : first.getName();
}

/**
 * An intersection holding refinement tags or a brand: the one other part
 * (the base) read as usual, wrapped in its refinements. Undefined when the
 * intersection has neither (objects only: the caller merges them). A tag on
 * the wrong kind of base, or a bad argument, is 'refinement' unsupported.
 */
export function readRefinedIntersection(
  s: ReadSession,
  type: ts.IntersectionType,
  span: Span,
  readPart: (part: ts.Type) => TypeRef,
): TypeRef | undefined {
  const tags = type.types.filter((t) => tagNameOf(s, t) !== undefined);
  const rest = type.types.filter((t) => tagNameOf(s, t) === undefined);
  const primitive = rest.filter((t) => !(t.flags & ts.TypeFlags.Object));
  const brands = primitive.length === 1 ? rest.filter((t) => t.flags & ts.TypeFlags.Object) : [];
  if (tags.length === 0 && brands.length === 0) return undefined;
  const text = s.checker.typeToString(type);
  const bases = primitive.length === 1 ? primitive : rest;
  if (bases.length !== 1)
    return unsupported(
      'refinement',
      `${text}: a refinement needs exactly one type to refine (${bases.length === 0 ? 'none' : bases.map((b) => s.checker.typeToString(b)).join(', ')})`,
      span,
    );
  const base = bases[0]!;
  const checks: Mutable<Refinements> = {};
  for (const tag of tags) {
    const name = tagNameOf(s, tag)!;
    const field = tagFields[name]!;
    const arg = tagArgument(s, tag);
    const display = arg === undefined ? name : `${name}<${JSON.stringify(arg)}>`;
    const problem =
      familyProblem(s, base, field, display) ?? setRefinement(checks, field, arg, display);
    if (problem) return unsupported('refinement', `${text}: ${problem}`, span);
  }
  const brand = brands.length > 0 ? brandOf(s, brands[0]!) : undefined;
  return refined(readPart(base), checks, brand);
}

/** Why a tag does not fit its base type (a string tag on a number...), or undefined. */
function familyProblem(
  s: ReadSession,
  base: ts.Type,
  field: keyof Refinements,
  display: string,
): string | undefined {
  const family = familyOf(field);
  const fits =
    family === 'number'
      ? (base.flags & ts.TypeFlags.NumberLike) !== 0
      : family === 'string'
        ? (base.flags & ts.TypeFlags.StringLike) !== 0
        : s.checker.isArrayType(base) || s.checker.isTupleType(base);
  return fits
    ? undefined
    : `${display} refines ${family === 'array' ? 'arrays' : `${family}s`}, not ${s.checker.typeToString(base)}`;
}

/** JSDoc tag names that are refinements, and the field each sets (`@type int32` only with an integer kind). */
const docFields: Readonly<Record<string, keyof Refinements>> = {
  minimum: 'minimum',
  maximum: 'maximum',
  exclusiveMinimum: 'exclusiveMinimum',
  exclusiveMaximum: 'exclusiveMaximum',
  multipleOf: 'multipleOf',
  minLength: 'minLength',
  maxLength: 'maxLength',
  pattern: 'pattern',
  format: 'format',
  minItems: 'minItems',
  maxItems: 'maxItems',
  uniqueItems: 'uniqueItems',
  type: 'integer',
};

/**
 * A property's JSDoc refinements (`@minimum 0`, `@maxLength 80`,
 * `@pattern ^[a-z]+$`, `@format email`, `@type int32`, `@uniqueItems`):
 * the checks, or the reason one cannot be read. `@type` counts only with an
 * integer kind (`@type {string}` is plain JSDoc).
 */
export function docRefinements(
  tags: readonly DocTag[] | undefined,
): { readonly checks: Refinements } | { readonly problem: string } {
  const checks: Mutable<Refinements> = {};
  for (const { name, text } of tags ?? []) {
    const field = docFields[name];
    if (!field) continue;
    const raw = text.trim();
    if (field === 'integer' && !integerKinds.has(raw)) continue;
    const value =
      field === 'uniqueItems'
        ? true
        : familyOf(field) === 'string' || field === 'integer' || field === 'format'
          ? field === 'minLength' || field === 'maxLength'
            ? Number(raw)
            : raw
          : raw === ''
            ? Number.NaN
            : Number(raw);
    const problem = setRefinement(checks, field, value, `@${name} ${raw}`.trim());
    if (problem) return { problem };
  }
  return { checks };
}
