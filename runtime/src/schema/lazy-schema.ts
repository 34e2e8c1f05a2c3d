import type { DecodeState } from './decode-state.js';
import { encodeNode } from './encode-node.js';
import { matchesValue } from './match-value.js';
import { settleWith } from './needs-conversion.js';
import { settleConversion } from './settle-conversion.js';
import { resolve, type LazyNode, type Schema } from './schema-types.js';

/**
 * A schema resolved on first use: for recursion and for references to a
 * schema declared further down (`s.lazy(() => TreeSchema)`).
 */
export function lazy<T>(get: () => Schema<T>): Schema<T> {
  // Nodes above this one may leave `converts` undecided: needsConversion settles them with this walk.
  settleWith(settleConversion);
  const result: LazyNode = {
    kind: 'lazy',
    get,
    target: undefined,
    converts: undefined,
    decode: decodeLazy,
    encode: encodeLazy,
    matches: matchesLazy,
  };
  return result;
}

function decodeLazy(this: LazyNode, value: unknown, st: DecodeState): unknown {
  return resolve(this).decode(value, st);
}

function encodeLazy(this: LazyNode, value: unknown, st: DecodeState): unknown {
  return encodeNode(resolve(this), value, st);
}

function matchesLazy(this: LazyNode, value: unknown, depth: number): boolean {
  return matchesValue(resolve(this), value, depth);
}
