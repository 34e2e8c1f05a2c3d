import fc from 'fast-check';
import { lookupType } from '../../src/contract/find-type.js';
import type {
  Contract,
  NamedType,
  Property,
  Refinements,
  TypeRef,
} from '../../src/contract/model.js';

/**
 * In-memory values of a contract type, valid by construction, for
 * fast-check: what an application hands the generated code. Recursion is
 * bounded (past `maxDepth` optional members are left out and arrays are
 * empty), keys avoid `__proto__`, `constructor` and `prototype` (refused by
 * design: the differential test mutates values to reach them), numbers are
 * finite and never -0 (JSON has no -0).
 */
export function arbitraryOf(ref: TypeRef, contract: Contract, depth = 0): fc.Arbitrary<unknown> {
  switch (ref.kind) {
    case 'primitive':
      return primitive(ref.name);
    case 'literal':
      return fc.constant(ref.value);
    case 'date':
      return fc.date({ noInvalidDate: true, min: new Date(-8.64e15), max: new Date(8.64e15) });
    case 'bytes':
      return fc.uint8Array({ maxLength: 12 });
    case 'array':
      return depth > maxDepth
        ? fc.constant([])
        : fc.array(arbitraryOf(ref.element, contract, depth + 1), { maxLength: 3 });
    case 'tuple': {
      const fixed = ref.elements.filter((e) => !e.rest);
      const rest = ref.elements.find((e) => e.rest);
      const required = fixed.filter((e) => !e.optional).length;
      const items = fixed.map((e) => arbitraryOf(e.type, contract, depth + 1));
      const tail =
        rest && depth <= maxDepth
          ? fc.array(arbitraryOf(rest.type, contract, depth + 1), { maxLength: 2 })
          : fc.constant([]);
      return fc
        .tuple(fc.tuple(...items), fc.integer({ min: required, max: fixed.length }), tail)
        .map(([all, count, more]) =>
          count === fixed.length ? [...all, ...more] : all.slice(0, count),
        );
    }
    case 'object':
      return objectOf(ref.properties, ref.rest, contract, depth);
    case 'record': {
      const key = ref.key === 'number' ? fc.integer({ min: -50, max: 50 }).map(String) : safeKey;
      return depth > maxDepth
        ? fc.constant({})
        : fc.dictionary(key, arbitraryOf(ref.value, contract, depth + 1), { maxKeys: 3 });
    }
    case 'union':
      return fc.oneof(...ref.members.map((m) => arbitraryOf(m, contract, depth)));
    case 'ref':
      return named(lookupType(contract, ref.id), contract, depth);
    case 'refined':
      return refinedOf(ref.of, ref.checks, contract, depth);
    case 'promise':
      return arbitraryOf(ref.of, contract, depth);
    case 'void':
      return fc.constant(undefined);
    case 'callback':
    case 'service':
    case 'unsupported':
      return jsonValue;
  }
}

const maxDepth = 4;

/** Keys a decoder keeps: no forbidden key. */
export const safeKey = fc
  .string({ maxLength: 6 })
  .filter((k) => k !== '__proto__' && k !== 'constructor' && k !== 'prototype');

const finite = fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0));

/** JSON values without forbidden keys or -0. */
export const jsonValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    finite,
    fc.string({ maxLength: 6 }),
    fc.array(tie('value'), { maxLength: 2 }),
    fc.dictionary(safeKey, tie('value'), { maxKeys: 2 }),
  ),
})).value;

function primitive(name: string): fc.Arbitrary<unknown> {
  switch (name) {
    case 'string':
      return fc.string({ maxLength: 8 });
    case 'number':
      return finite;
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'undefined':
      return fc.constant(undefined);
    case 'bigint':
      return fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n });
    default:
      return jsonValue;
  }
}

function named(type: NamedType, contract: Contract, depth: number): fc.Arbitrary<unknown> {
  const def = type.definition;
  if (def.kind === 'enum') return fc.constantFrom(...def.members.map((m) => m.value));
  if (def.kind === 'alias')
    return fc.constant(null).chain(() => arbitraryOf(def.type, contract, depth + 1));
  return fc.constant(null).chain(() => objectOf(def.properties, def.rest, contract, depth + 1));
}

function objectOf(
  properties: readonly Property[],
  rest: TypeRef | undefined,
  contract: Contract,
  depth: number,
): fc.Arbitrary<unknown> {
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  const requiredKeys: string[] = [];
  for (const p of properties) {
    const optional = p.optional || mayBeUndefined(p.type);
    // Deep down, leave optional members out: recursion ends.
    if (optional && depth > maxDepth) continue;
    shape[p.name] = arbitraryOf(p.type, contract, depth + 1);
    if (!optional) requiredKeys.push(p.name);
  }
  const base = fc.record(shape, { requiredKeys });
  if (!rest) return base;
  const names = new Set(properties.map((p) => p.name));
  const extra = fc.dictionary(
    safeKey.filter((k) => !names.has(k)),
    arbitraryOf(rest, contract, depth + 1),
    { maxKeys: 2 },
  );
  return fc.tuple(base, extra).map(([b, e]) => ({ ...e, ...b }));
}

function mayBeUndefined(ref: TypeRef): boolean {
  return (
    ref.kind === 'union' &&
    ref.members.some((m) => m.kind === 'primitive' && m.name === 'undefined')
  );
}

const formatExamples: Record<NonNullable<Refinements['format']>, fc.Arbitrary<string>> = {
  'date-time': fc
    .date({
      noInvalidDate: true,
      min: new Date('0000-01-01T00:00:00Z'),
      max: new Date('9999-12-31T23:59:59Z'),
    })
    .map((d) => d.toISOString()),
  date: fc
    .date({
      noInvalidDate: true,
      min: new Date('0000-01-01T00:00:00Z'),
      max: new Date('9999-12-31T00:00:00Z'),
    })
    .map((d) => d.toISOString().slice(0, 10)),
  email: fc.constantFrom('a@b.co', 'first.last+tag@example.com', 'x_y@sub.domain.org'),
  uri: fc.constantFrom('https://example.com/a?b=c', 'urn:isbn:0451450523', 'file:///tmp/x'),
  uuid: fc.uuid(),
};

/** Values of a refined type: generated within the refinements, not filtered into them. */
function refinedOf(
  of: TypeRef,
  checks: Refinements,
  contract: Contract,
  depth: number,
): fc.Arbitrary<unknown> {
  if (checks.format) return formatExamples[checks.format];
  if (checks.pattern !== undefined) return fc.stringMatching(new RegExp(checks.pattern, 'u'));
  if (checks.minLength !== undefined || checks.maxLength !== undefined)
    return fc.string({ minLength: checks.minLength ?? 0, maxLength: checks.maxLength ?? 12 });
  if (checks.minItems !== undefined || checks.maxItems !== undefined || checks.uniqueItems) {
    const element = of.kind === 'array' ? of.element : undefined;
    if (element) {
      const opts = {
        minLength: checks.minItems ?? 0,
        maxLength: Math.min(checks.maxItems ?? 3, 3),
      };
      const item = arbitraryOf(element, contract, depth + 1);
      return checks.uniqueItems
        ? fc.uniqueArray(item, { ...opts, selector: (v) => JSON.stringify(v) })
        : fc.array(item, opts);
    }
  }
  const numeric =
    checks.integer !== undefined ||
    [
      checks.minimum,
      checks.maximum,
      checks.exclusiveMinimum,
      checks.exclusiveMaximum,
      checks.multipleOf,
    ].some((v) => v !== undefined);
  if (numeric) {
    const ranges = {
      integer: 2 ** 53 - 1,
      int32: 2 ** 31,
      uint32: 2 ** 32,
      int64: 2 ** 53 - 1,
      uint64: 2 ** 53 - 1,
    };
    const low = Math.max(
      checks.integer === 'uint32' || checks.integer === 'uint64'
        ? 0
        : -(checks.integer ? ranges[checks.integer] : 1e6),
      checks.minimum ?? -Infinity,
      (checks.exclusiveMinimum ?? -Infinity) + 1,
    );
    const high = Math.min(
      checks.integer ? ranges[checks.integer] - 1 : 1e6,
      checks.maximum ?? Infinity,
      (checks.exclusiveMaximum ?? Infinity) - 1,
    );
    const step = checks.multipleOf;
    if (step !== undefined)
      return fc
        .integer({ min: Math.ceil(low / step), max: Math.floor(high / step) })
        .map((k) => k * step || 0);
    return checks.integer
      ? fc.integer({ min: Math.ceil(low), max: Math.floor(high) }).map((n) => n || 0)
      : fc.double({ min: low, max: high, noNaN: true }).map((n) => n || 0);
  }
  return arbitraryOf(of, contract, depth);
}
