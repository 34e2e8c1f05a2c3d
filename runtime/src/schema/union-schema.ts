import { FAIL, type DecodeState, type Issue } from './decode-state.js';
import { encodeNode } from './encode-node.js';
import { matchesValue } from './match-value.js';
import { anyConverts } from './needs-conversion.js';
import { nodeOf, type Infer, type Schema, type UnionNode } from './schema-types.js';
import { say } from '../messages.js';

/**
 * One of `members`. Decoding tries them in order and the first that decodes
 * wins, so put the more specific member first (`s.date()` before
 * `s.string()`). Encoding picks the first member whose type the value has.
 */
export function union<const M extends readonly Schema<unknown>[]>(
  members: M,
): Schema<Infer<M[number]>> {
  const nodes = members.map(nodeOf);
  if (nodes.length === 0) throw new TypeError(say('empty-union'));
  const result: UnionNode = {
    kind: 'union',
    members: nodes,
    converts: anyConverts(nodes),
    decode: decodeUnion,
    encode: encodeUnion,
    matches: matchesUnion,
  };
  return result;
}

/**
 * The first member that decodes wins. When none does, the reported issue is
 * the most telling one: the deepest, and among equals one that is not a mere
 * literal mismatch (for `{kind:'b', y: 3}` against `{kind:'a',...} | {kind:'b', y: string}`
 * that is `y`, not `kind`). If every member failed at the top, the expectations are joined.
 */
function decodeUnion(this: UnionNode, value: unknown, st: DecodeState): unknown {
  let best: Issue | undefined;
  let topLevel = '';
  for (const member of this.members) {
    const decoded = member.decode(value, st);
    if (decoded !== FAIL) {
      st.issue = undefined;
      return decoded;
    }
    const issue = st.issue as Issue;
    // A size limit, not a mismatch: every member applies the same limits, so none will do better. (A bigint
    // with too many digits is the exception: a string member may still take it.)
    if (issue.code !== 'BAD_ARGUMENT' && issue.code !== 'TOO_MANY_DIGITS') return FAIL;
    if (issue.segments.length === 0)
      topLevel += topLevel === '' ? issue.expected : ` or ${issue.expected}`;
    if (best === undefined || rank(issue) > rank(best)) best = issue;
  }
  const chosen = best as Issue;
  st.issue = chosen.segments.length === 0 ? { ...chosen, expected: topLevel } : chosen;
  return FAIL;
}

function rank(issue: Issue): number {
  return issue.segments.length * 2 + (issue.weak ? 0 : 1);
}

/** The first member the value matches (the value side knows its types: no trial encoding). */
function encodeUnion(this: UnionNode, value: unknown, st: DecodeState): unknown {
  const member = this.members.find((m) => matchesValue(m, value));
  return member === undefined
    ? st.fail('a value of one of the union members', value)
    : encodeNode(member, value, st);
}

function matchesUnion(this: UnionNode, value: unknown, depth: number): boolean {
  return this.members.some((member) => matchesValue(member, value, depth));
}
