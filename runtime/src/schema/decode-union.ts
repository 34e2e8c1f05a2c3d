import { decodeNode } from './decode-node.js';
import { FAIL, type DecodeState, type Issue } from './decode-state.js';
import type { UnionNode } from './schema-types.js';

/**
 * The first member that decodes wins. When none does, the reported issue is
 * the most telling one: the deepest, and among equals one that is not a mere
 * literal mismatch (for `{kind:'b', y: 3}` against `{kind:'a',...} | {kind:'b', y: string}`
 * that is `y`, not `kind`). If every member failed at the top, the expectations are joined.
 */
export function decodeUnion(node: UnionNode, value: unknown, st: DecodeState): unknown {
  let best: Issue | undefined;
  let topLevel = '';
  for (const member of node.members) {
    const decoded = decodeNode(member, value, st);
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
