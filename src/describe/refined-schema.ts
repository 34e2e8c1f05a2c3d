import { formatPatterns } from '@contract-gen/runtime/schema';
import type { Refinements } from '../contract/model.js';
import type { JsonSchema } from './json-schema.js';

/** The range of each integer kind, as the runtime checks it (refine-checks.ts). */
const integerRanges: Record<NonNullable<Refinements['integer']>, readonly [number, number]> = {
  integer: [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  int32: [-(2 ** 31), 2 ** 31 - 1],
  uint32: [0, 2 ** 32 - 1],
  int64: [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  uint64: [0, Number.MAX_SAFE_INTEGER],
};

/** OpenAPI's `format` for an integer kind (`int32`, `int64`); none for the others. */
const integerFormats: Partial<Record<NonNullable<Refinements['integer']>, string>> = {
  int32: 'int32',
  int64: 'int64',
};

/**
 * A refined type's schema: the base's, with the refinements as JSON Schema
 * keywords of the same name. An integer kind is `type: integer` with its
 * range folded into `minimum`/`maximum`; a format is `format` with the
 * runtime's own pattern beside it (formats.ts), so validators that do not
 * check formats still check what the runtime checks. A `$ref` base keeps
 * its keywords apart in `allOf` (OpenAPI 3.0 ignores siblings of `$ref`).
 */
export function refinedSchema(base: JsonSchema, checks: Refinements, brand?: string): JsonSchema {
  const keywords = refinementKeywords(checks);
  const branded = brand === undefined ? {} : { 'x-brand': brand };
  if (Object.keys(keywords).length === 0) return { ...base, ...branded };
  const integer = checks.integer !== undefined;
  if ('$ref' in base || 'anyOf' in base || ('type' in base && !isNumberType(base['type']))) {
    // `type: integer` would refuse the base's other members: `multipleOf: 1` says "an integer" of numbers only.
    const { type: _type, format: _format, ...numeric } = keywords;
    const parts: JsonSchema[] = [base, integer ? { ...numeric, ...integerOnly(checks) } : numeric];
    return { allOf: parts.filter((p) => Object.keys(p).length > 0), ...branded };
  }
  const type = integer ? toInteger(base['type']) : base['type'];
  const merged: JsonSchema = {
    ...base,
    ...keywords,
    ...(type === undefined ? {} : { type }),
    ...branded,
  };
  // A user pattern beside a format's pattern: both must hold.
  if (checks.pattern !== undefined && checks.format !== undefined)
    return {
      ...merged,
      pattern: formatPatterns[checks.format],
      allOf: [{ pattern: checks.pattern }],
    };
  return merged;
}

/** Whether a schema's `type` is `number`, or a list holding it (`["number", "null"]`), or absent. */
function isNumberType(type: unknown): boolean {
  return type === 'number' || (Array.isArray(type) && type.includes('number'));
}

function toInteger(type: unknown): unknown {
  if (type === 'number') return 'integer';
  return Array.isArray(type) ? type.map((t: unknown) => (t === 'number' ? 'integer' : t)) : type;
}

/** "An integer" for numbers only, where the schema holds other types too. */
function integerOnly(checks: Refinements): JsonSchema {
  return checks.multipleOf !== undefined && Number.isInteger(checks.multipleOf)
    ? {}
    : {
        multipleOf: 1,
        ...(checks.multipleOf !== undefined ? { allOf: [{ multipleOf: checks.multipleOf }] } : {}),
      };
}

function refinementKeywords(checks: Refinements): JsonSchema {
  const out: Record<string, unknown> = {};
  if (checks.integer !== undefined) {
    const [low, high] = integerRanges[checks.integer];
    out['type'] = 'integer';
    const format = integerFormats[checks.integer];
    if (format !== undefined) out['format'] = format;
    out['minimum'] = Math.max(low, checks.minimum ?? low);
    out['maximum'] = Math.min(high, checks.maximum ?? high);
  } else {
    if (checks.minimum !== undefined) out['minimum'] = checks.minimum;
    if (checks.maximum !== undefined) out['maximum'] = checks.maximum;
  }
  if (checks.exclusiveMinimum !== undefined) out['exclusiveMinimum'] = checks.exclusiveMinimum;
  if (checks.exclusiveMaximum !== undefined) out['exclusiveMaximum'] = checks.exclusiveMaximum;
  if (checks.multipleOf !== undefined) out['multipleOf'] = checks.multipleOf;
  if (checks.minLength !== undefined) out['minLength'] = checks.minLength;
  if (checks.maxLength !== undefined) out['maxLength'] = checks.maxLength;
  if (checks.pattern !== undefined) out['pattern'] = checks.pattern;
  if (checks.format !== undefined) {
    out['format'] = checks.format;
    out['pattern'] = formatPatterns[checks.format];
  }
  if (checks.minItems !== undefined) out['minItems'] = checks.minItems;
  if (checks.maxItems !== undefined) out['maxItems'] = checks.maxItems;
  if (checks.uniqueItems === true) out['uniqueItems'] = true;
  return out;
}
