import { FAIL, type DecodeState } from './decode-state.js';
import { encodeNode } from './encode-node.js';
import { matchesValue } from './match-value.js';
import { compileChecks } from './refine-checks.js';
import { nodeOf, type Checks, type RefineNode, type Schema } from './schema-types.js';

/**
 * `inner`'s values that also pass `checks`: `s.refine(s.number(), { integer: 'int32', minimum: 0 })`.
 * Decoding checks the decoded value (a refinement narrows, it never
 * converts); encoding is `inner`'s, and `matches` (which picks a union's
 * member) holds only for values that pass, so `Int32 | string` finds its
 * member by the checks too.
 */
export function refine<T>(inner: Schema<T>, checks: Checks): Schema<T> {
  const node = nodeOf(inner);
  const result: RefineNode = {
    kind: 'refine',
    inner: node,
    checks: Object.freeze({ ...checks }),
    test: compileChecks(checks),
    converts: node.converts,
    decode: decodeRefine,
    encode: encodeRefine,
    matches: matchesRefine,
  };
  return result;
}

function decodeRefine(this: RefineNode, value: unknown, st: DecodeState): unknown {
  const decoded = this.inner.decode(value, st);
  if (decoded === FAIL) return FAIL;
  const failed = this.test(decoded);
  return failed === undefined ? decoded : st.fail(failed, value);
}

function encodeRefine(this: RefineNode, value: unknown, st: DecodeState): unknown {
  return encodeNode(this.inner, value, st);
}

function matchesRefine(this: RefineNode, value: unknown, depth: number): boolean {
  return matchesValue(this.inner, value, depth) && this.test(value) === undefined;
}
