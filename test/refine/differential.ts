import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { ContractError } from '../../runtime/src/protocol/contract-error.js';
import * as s from '../../runtime/src/schema/index.js';
import { jsonValue } from './arbitrary-of.js';

/**
 * The classes in which the generated validator and a JSON Schema validator
 * (ajv, formats not checked: each format's own `pattern` stands beside it)
 * may disagree on a wire value, by design; docs/contracts.md lists them and
 * differential.test.ts shows each one.
 *
 * - forbidden-key: the runtime refuses `__proto__`, `constructor` and
 *   `prototype` keys anywhere; a schema cannot say "no such key" for every object.
 * - base64: `Uint8Array` is `contentEncoding: base64`, an annotation; the
 *   runtime checks the text is base64.
 * - calendar: a pattern cannot see days in a month or the leap second's minute.
 * - null-for-optional: the runtime reads `null` as "absent" for an optional
 *   member (other languages write null); the schema says the member's type.
 * - limits: decode limits (depth, items, string length, bigint digits).
 * - large-multiple: `multipleOf` on a number whose quotient is 1e21 or more:
 *   the runtime follows the specification (the quotient is an integer), ajv
 *   compares the quotient with `parseInt` of it, which reads "1e+21" as 1.
 */
export type DisagreementClass =
  'forbidden-key' | 'base64' | 'calendar' | 'null-for-optional' | 'limits' | 'large-multiple';

export interface Verdict {
  readonly runtime: boolean;
  readonly ajv: boolean;
  /** The class of a disagreement; undefined when they agree, 'unclassified' when no class explains it. */
  readonly disagreement?: DisagreementClass | 'unclassified';
  readonly why?: string;
}

export function ajvFor(document: unknown): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: false });
  ajv.addSchema({ ...(document as object), $id: 'doc.json' }, 'doc.json');
  return ajv;
}

export function componentValidator(ajv: Ajv2020, component: string): ValidateFunction {
  return ajv.compile({
    $ref: `doc.json#/components/schemas/${component.replace(/~/g, '~0').replace(/\//g, '~1')}`,
  });
}

/** A schema spelled inline (its `$ref`s into the document's components). */
export function inlineValidator(ajv: Ajv2020, schema: unknown): ValidateFunction {
  return ajv.compile(
    JSON.parse(
      JSON.stringify(schema).replaceAll('"#/components/schemas/', '"doc.json#/components/schemas/'),
    ) as object,
  );
}

/** Both validators' verdicts on one wire value, and the class of a disagreement. */
export function judge(
  schema: s.Schema<unknown>,
  validate: ValidateFunction,
  wire: unknown,
): Verdict {
  let runtime = true;
  let error: ContractError | undefined;
  try {
    s.decode(schema, wire);
  } catch (e) {
    if (!(e instanceof ContractError)) throw e;
    runtime = false;
    error = e;
  }
  const ajv = validate(wire);
  if (runtime === ajv) return { runtime, ajv };
  const why = runtime
    ? JSON.stringify(validate.errors?.[0])
    : `${error?.code} ${error?.path ?? ''} ${error?.message ?? ''}`;
  return { runtime, ajv, disagreement: classify(wire, runtime, error, validate), why };
}

function classify(
  wire: unknown,
  runtime: boolean,
  error: ContractError | undefined,
  validate: ValidateFunction,
): DisagreementClass | 'unclassified' {
  if (!runtime) {
    const expected = error?.expected ?? error?.message ?? '';
    if (error?.code !== 'BAD_ARGUMENT') return 'limits';
    if (/refused for safety/.test(expected) || hasForbiddenKey(wire)) return 'forbidden-key';
    if (/base64/.test(expected)) return 'base64';
    if (/ISO 8601|date-time|format date/.test(expected)) return 'calendar';
    return 'unclassified';
  }
  // The runtime took a value the schema refuses: a null where an optional member may be absent. Inside a
  // union (anyOf) ajv reports each branch's error, so the null may be named by any of them, not the first.
  const errors = validate.errors ?? [];
  if (errors.some((e) => valueAt(wire, e.instancePath) === null)) return 'null-for-optional';
  const first = errors[0];
  const value = first && valueAt(wire, first.instancePath);
  if (first?.keyword === 'multipleOf' && typeof value === 'number') {
    const quotient = Math.abs(value / Number(first.params['multipleOf']));
    if (quotient >= 1e21) return 'large-multiple';
  }
  return 'unclassified';
}

export function hasForbiddenKey(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  for (const key of Object.keys(value)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') return true;
    if (hasForbiddenKey((value as Record<string, unknown>)[key])) return true;
  }
  return false;
}

function valueAt(value: unknown, pointer: string): unknown {
  let at = value;
  for (const part of pointer.split('/').slice(1)) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/** One change to a wire value: replace a part, delete a key or item, add a key (sometimes a forbidden one). */
interface Mutation {
  readonly at: number;
  readonly op: 'replace' | 'delete' | 'add' | 'forbidden';
  readonly with: unknown;
  readonly key: string;
}

const edgeValues = fc.constantFrom<unknown>(
  null,
  0,
  -1,
  1.5,
  2 ** 31,
  2 ** 53,
  1e308,
  '',
  'x',
  '007',
  'AAAA',
  'A',
  '1e3',
  '2024-01-01',
  '2024-02-30T00:00:00Z',
  '2024-02-29T10:15:30.5z',
  'a@b.co',
  true,
  [],
  {},
);

export const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  op: fc.constantFrom('replace', 'replace', 'delete', 'add', 'forbidden'),
  with: fc.oneof(edgeValues, jsonValue),
  key: fc.constantFrom('x', 'kind', 'id', '0', '__proto__', 'constructor', 'prototype'),
});

/** `wire` (a parsed JSON value, not modified) with the mutations applied to a copy. */
export function mutate(wire: unknown, mutations: readonly Mutation[]): unknown {
  let root = JSON.parse(JSON.stringify(wire ?? null)) as unknown;
  for (const m of mutations) {
    const spots = containers(root);
    if (m.op === 'replace') {
      const all: [unknown, string | number | undefined][] = [[undefined, undefined], ...spots];
      const [parent, key] = all[m.at % all.length]!;
      if (parent === undefined) root = structuredClone(m.with);
      else (parent as Record<string | number, unknown>)[key!] = structuredClone(m.with);
      continue;
    }
    const objects = spots
      .map(([p, k]) => (p as Record<string | number, unknown>)[k])
      .concat([root]);
    const targets = objects.filter((o) => typeof o === 'object' && o !== null);
    if (targets.length === 0) continue;
    const target = targets[m.at % targets.length] as Record<string, unknown> | unknown[];
    if (m.op === 'delete') {
      if (Array.isArray(target)) target.splice(m.at % Math.max(1, target.length), 1);
      else {
        const keys = Object.keys(target);
        if (keys.length > 0) delete target[keys[m.at % keys.length]!];
      }
    } else if (!Array.isArray(target)) {
      const key =
        m.op === 'forbidden' ? ['__proto__', 'constructor', 'prototype'][m.at % 3]! : m.key;
      Object.defineProperty(target, key, {
        value: structuredClone(m.with),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else target.push(structuredClone(m.with));
  }
  return root;
}

/** Every (container, key) pair inside a JSON value. */
function containers(value: unknown): [unknown, string | number][] {
  const out: [unknown, string | number][] = [];
  const walk = (v: unknown) => {
    if (typeof v !== 'object' || v === null) return;
    for (const key of Array.isArray(v) ? v.keys() : Object.keys(v)) {
      out.push([v, key]);
      walk((v as Record<string | number, unknown>)[key]);
    }
  };
  walk(value);
  return out;
}
