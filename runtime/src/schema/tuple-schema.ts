import { decodeItems, encodeItems } from './container-walk.js';
import type { DecodeState } from './decode-state.js';
import { matchesValue } from './match-value.js';
import { anyConverts } from './needs-conversion.js';
import {
  nodeOf,
  type Infer,
  type OptionalSchema,
  type Schema,
  type SchemaNode,
  type TupleNode,
} from './schema-types.js';
import { say } from '../messages.js';

/** The tuple type of `items`: optional schemas become optional elements. */
export type InferTuple<M extends readonly unknown[]> = M extends readonly [infer H, ...infer R]
  ? H extends OptionalSchema<infer T>
    ? [T?, ...InferTuple<R>]
    : [Infer<H>, ...InferTuple<R>]
  : [];

/**
 * A fixed-length array: `s.tuple([a, b, s.optional(c)], rest?)` is
 * `[A, B, C?, ...R[]]`. Optional elements must come after the required ones.
 * Without `rest`, extra elements are refused (not dropped).
 */
export function tuple<const M extends readonly Schema<unknown>[], R = never>(
  items: M,
  rest?: Schema<R>,
): Schema<[R] extends [never] ? InferTuple<M> : [...InferTuple<M>, ...R[]]> {
  const nodes = items.map(nodeOf);
  const required = requiredCount(
    nodes.map((n) => n.kind === 'optional'),
    's.tuple()',
  );
  const restNode = rest === undefined ? undefined : nodeOf(rest);
  const children = restNode === undefined ? nodes : [...nodes, restNode];
  const node: TupleNode = {
    kind: 'tuple',
    items: nodes,
    rest: restNode,
    required,
    converts: anyConverts(children),
    decode: decodeTuple,
    encode: encodeTuple,
    matches: matchesTuple,
  };
  return node;
}

/**
 * The arguments of a callback method as a tuple for its events to decode
 * with: `params`, of which the first `required` are required (as
 * `s.callbackInterface()` counted), no rest. Events are only ever decoded,
 * never encoded, so this tuple has no encode or match of its own, and a
 * bundle whose contract has no `s.tuple()` leaves the tuple's out.
 */
export function argumentsTuple(
  params: readonly Schema<unknown>[],
  required: number,
): Schema<unknown[]> {
  const items = params.map(nodeOf);
  const node: TupleNode = {
    kind: 'tuple',
    items,
    rest: undefined,
    required,
    converts: anyConverts(items),
    decode: decodeTuple,
    encode: notEncoded,
    matches: notEncoded,
  };
  return node;
}

function notEncoded(): never {
  throw new TypeError(say('event-args-encoded'));
}

/** How many leading entries are required; throws if a required one follows an optional one. */
export function requiredCount(optional: readonly boolean[], where: string): number {
  const first = optional.indexOf(true);
  if (first === -1) return optional.length;
  if (optional.indexOf(false, first) !== -1) {
    throw new TypeError(say('required-after-optional', where, optional.indexOf(false, first)));
  }
  return first;
}

/** A tuple: length within [required, items (+ rest)], each element by its position. */
function decodeTuple(this: TupleNode, value: unknown, st: DecodeState): unknown {
  const { items, rest, required } = this;
  const max = rest === undefined ? items.length : st.maxItems;
  if (rest !== undefined && Array.isArray(value) && value.length > max)
    return st.tooMuch('TOO_MANY_ITEMS', `an array of at most ${max} items`, value);
  if (!Array.isArray(value) || value.length < required || value.length > max) {
    const count =
      required === max
        ? `${required}`
        : rest === undefined
          ? `${required} to ${max}`
          : `at least ${required}`;
    return st.fail(`an array of ${count} items`, value);
  }
  if (++st.depth > st.maxDepth) return st.tooDeep();
  return decodeItems(value, rest, items, st);
}

function encodeTuple(this: TupleNode, value: unknown, st: DecodeState): unknown {
  const { items, rest } = this;
  return Array.isArray(value) && (rest !== undefined || value.length <= items.length)
    ? encodeItems(value, (i) => items[i] ?? (rest as SchemaNode), st)
    : st.fail(`an array of at most ${items.length} items`, value);
}

function matchesTuple(this: TupleNode, value: unknown, depth: number): boolean {
  const { items, rest } = this;
  return (
    Array.isArray(value) &&
    value.length >= this.required &&
    (rest !== undefined || value.length <= items.length) &&
    value.every((item, i) => matchesValue(items[i] ?? (rest as SchemaNode), item, depth + 1))
  );
}
