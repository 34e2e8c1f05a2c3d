import { FAIL, type DecodeState, type Issue } from './decode-state.js';
import { encodeNode } from './encode-node.js';
import { droppedKeys, keptKeys } from './kept-keys.js';
import { matchesValue } from './match-value.js';
import { anyConverts } from './needs-conversion.js';
import {
  nodeOf,
  type Infer,
  type Schema,
  type SchemaNode,
  type UnionNode,
} from './schema-types.js';
import { say } from '../messages.js';

/**
 * One of `members`. Decoding tries them in order; the first that decodes
 * and keeps every key of an object wins, and when each member that decodes
 * drops some key, the one that drops the fewest (the first among equals):
 * `TextEdit | AnnotatedTextEdit` decodes `{newText, range, annotationId}` as
 * the AnnotatedTextEdit it is. Put the more specific leaf first (`s.date()`
 * before `s.string()`). Encoding picks, among the members whose type the
 * value has, the one that carries the most of its keys.
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
 * The first member that decodes and drops no key wins, else the one that
 * drops the fewest (see `union`). When none decodes, the reported issue is
 * the most telling one: the deepest, and among equals one that is not a mere
 * literal mismatch (for `{kind:'b', y: 3}` against `{kind:'a',...} | {kind:'b', y: string}`
 * that is `y`, not `kind`). If every member failed at the top, the expectations are joined.
 */
function decodeUnion(this: UnionNode, value: unknown, st: DecodeState): unknown {
  let best: Issue | undefined;
  let topLevel = '';
  let kept: unknown = FAIL;
  let lost = Infinity;
  for (const member of this.members) {
    const decoded = member.decode(value, st);
    if (decoded !== FAIL) {
      st.issue = undefined;
      const dropped = droppedKeys(value, decoded);
      if (dropped === 0) return decoded;
      if (dropped < lost) [kept, lost] = [decoded, dropped];
      continue;
    }
    if (kept !== FAIL) continue;
    const issue = st.issue as Issue;
    // A size limit, not a mismatch: every member applies the same limits, so none will do better. (A bigint
    // with too many digits is the exception: a string member may still take it.)
    if (issue.code !== 'BAD_ARGUMENT' && issue.code !== 'TOO_MANY_DIGITS') return FAIL;
    if (issue.segments.length === 0)
      topLevel += topLevel === '' ? issue.expected : ` or ${issue.expected}`;
    if (best === undefined || rank(issue) > rank(best)) best = issue;
  }
  if (kept !== FAIL) {
    st.issue = undefined;
    return kept;
  }
  const chosen = best as Issue;
  st.issue = chosen.segments.length === 0 ? { ...chosen, expected: topLevel } : chosen;
  return FAIL;
}

function rank(issue: Issue): number {
  return issue.segments.length * 2 + (issue.weak ? 0 : 1);
}

/** The member the value matches that carries the most of its keys, the first among equals (the value side knows its types: no trial encoding). */
function encodeUnion(this: UnionNode, value: unknown, st: DecodeState): unknown {
  const member = bestMatch(this.members, value);
  return member === undefined
    ? st.fail('a value of one of the union members', value)
    : encodeNode(member, value, st);
}

function matchesUnion(this: UnionNode, value: unknown, depth: number): boolean {
  return this.members.some((member) => matchesValue(member, value, depth));
}

/** Among the members `value` matches, the one that carries the most of its keys; the first among equals. */
export function bestMatch(members: readonly SchemaNode[], value: unknown): SchemaNode | undefined {
  let best: SchemaNode | undefined;
  let most = -1;
  for (const member of members) {
    if (!matchesValue(member, value)) continue;
    const kept = keptKeys(member, value);
    if (kept > most) [best, most] = [member, kept];
  }
  return best;
}
