import type { TupleElement, TypeRef } from '../contract/model.js';
import type { CompatState } from './compare-context.js';
import type { Site } from './flow.js';
import type { Shape } from './shape-of.js';
import { compat, inner, mismatch } from './type-compat.js';

interface Slot {
  readonly type: TypeRef;
  readonly optional: boolean;
}

/**
 * Tuples (and a tuple read as an array): position by position, the receiver
 * must take every element the sender may send (no more than it declares,
 * unless it has a rest element) and must not require one the sender may
 * leave out. A length mismatch is reported on the whole tuple.
 */
export function compatTuple(
  sent: Shape & { kind: 'tuple' },
  recv: Shape & { kind: 'tuple' | 'array' },
  whole: { readonly sent: TypeRef; readonly recv: TypeRef; readonly site: Site },
  st: CompatState,
): boolean {
  if (recv.kind === 'array')
    return sent.elements.every((e, i) =>
      compat(e.type, recv.element, inner(whole.site, `element ${i} of`), st),
    );
  const s = split(sent.elements);
  const r = split(recv.elements);
  let ok = true;
  const length = Math.max(s.fixed.length, r.fixed.length) + (s.rest ? 1 : 0);
  for (let i = 0; i < length; i++) {
    const se = s.fixed[i] ?? (s.rest ? { type: s.rest, optional: true } : undefined);
    const re = r.fixed[i] ?? (r.rest ? { type: r.rest, optional: true } : undefined);
    if (se === undefined && re !== undefined && !re.optional)
      return mismatch(whole.sent, whole.recv, whole.site, st);
    if (se === undefined) continue;
    if (re === undefined || (!re.optional && se.optional))
      return mismatch(whole.sent, whole.recv, whole.site, st);
    ok = compat(se.type, re.type, inner(whole.site, `element ${i} of`), st) && ok;
    if (!ok && !st.report) return false;
  }
  return ok;
}

function split(elements: readonly TupleElement[]): { fixed: Slot[]; rest: TypeRef | undefined } {
  return {
    fixed: elements.filter((e) => !e.rest).map((e) => ({ type: e.type, optional: e.optional })),
    rest: elements.find((e) => e.rest)?.type,
  };
}
