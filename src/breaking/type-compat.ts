import { breakingCodes } from '../contract/codes.js';
import type { TypeRef } from '../contract/model.js';
import { printType } from '../contract/check/print-type.js';
import { compatAlternatives, type AlternativesOf } from './compat-alternatives.js';
import { compatObject, compatObjectToRecord } from './compat-object.js';
import { compatTuple } from './compat-tuple.js';
import { compatRefined } from './compat-refined.js';
import { probeState, reportChange, type CompatState } from './compare-context.js';
import type { Site } from './flow.js';
import { isTop, leafAccepts } from './leaf-accepts.js';
import { shapeOf, type Shape } from './shape-of.js';
import { capitalize, reachedFrom } from './wording.js';

/**
 * Whether the receiver of a slot (type `recv`) still decodes every value the
 * sender may put there (type `sent`); when reporting, every reason it does
 * not is recorded with its own code. See {@link Flow} for which version is
 * sender and which receiver. Named types are compared once per pair and
 * direction, so recursive types end.
 */
export function compat(sent: TypeRef, recv: TypeRef, site: Site, st: CompatState): boolean {
  // A result is `Promise<T>`: compare the T's, so a named T meets the once-per-pair memo like any other use.
  if (sent.kind === 'promise') return compat(sent.of, recv, site, st);
  if (recv.kind === 'promise') return compat(sent, recv.of, site, st);
  if (isTop(recv)) return true;
  if (sent.kind === 'ref' && recv.kind === 'ref') return compatNamed(sent, recv, site, st);
  return compatShapes(sent, recv, site, st);
}

/** A silent {@link compat}: true when nothing would be reported. */
export function fits(sent: TypeRef, recv: TypeRef, st: CompatState): boolean {
  return compat(sent, recv, { label: '', oldSpan: dummySpan, newSpan: dummySpan }, probeState(st));
}

const dummySpan = { file: '', line: 0, column: 0, endLine: 0, endColumn: 0 };

function compatNamed(
  sent: TypeRef & { kind: 'ref' },
  recv: TypeRef & { kind: 'ref' },
  site: Site,
  st: CompatState,
): boolean {
  const { memo, visited } = st.ctx;
  const pair = `${st.sides.sentIsOld ? 'old>new' : 'new>old'}|${sent.id}|${recv.id}`;
  if (st.report) {
    const key = `${st.flow}|${pair}`;
    if (visited.has(key)) return memo.get(pair) ?? true;
    visited.add(key);
    return compatShapes(sent, recv, site, st);
  }
  const known = memo.get(pair);
  if (known !== undefined) return known;
  memo.set(pair, true);
  const { probing } = st.ctx;
  probing.depth++;
  const ok = compatShapes(sent, recv, site, st);
  probing.depth--;
  memo.set(pair, ok);
  // A "fits" found while an outer pair was assumed to fit holds only if that pair does: forget such results when the outermost probe fails.
  if (probing.depth > 0 && ok) probing.tentative.push(pair);
  if (probing.depth === 0) {
    if (!ok) for (const key of probing.tentative) memo.delete(key);
    probing.tentative.length = 0;
  }
  return ok;
}

function compatShapes(sent: TypeRef, recv: TypeRef, site: Site, st: CompatState): boolean {
  const s = shapeOf(sent, st.sides.sent);
  const r = shapeOf(recv, st.sides.recv);
  if (r.kind === 'leaf' && isTop(r.ref)) return true;
  if (s.kind === 'alternatives' || r.kind === 'alternatives')
    return compatAlternatives(alternatives(s, sent), alternatives(r, recv), site, st);
  const sentRefined = s.kind === 'leaf' && s.ref.kind === 'refined';
  const recvRefined = r.kind === 'leaf' && r.ref.kind === 'refined';
  if (sentRefined || recvRefined)
    return compatRefined(sentRefined ? s.ref : sent, recvRefined ? r.ref : recv, site, st);
  if (s.kind === 'leaf' && r.kind === 'leaf')
    return leafAccepts(r.ref, s.ref) || mismatch(sent, recv, site, st);
  if (s.kind === 'array' && r.kind === 'array')
    return compat(s.element, r.element, inner(site, 'the elements of'), st);
  if (s.kind === 'record' && r.kind === 'record')
    return compat(s.value, r.value, inner(site, 'the values of'), st);
  if (s.kind === 'tuple' && (r.kind === 'tuple' || r.kind === 'array'))
    return compatTuple(s, r, { sent, recv, site }, st);
  if (s.kind === 'object' && r.kind === 'object') return compatObject(s, r, site, st);
  if (s.kind === 'object' && r.kind === 'record') return compatObjectToRecord(s, r, site, st);
  return mismatch(sent, recv, site, st);
}

function alternatives(shape: Shape, ref: TypeRef): AlternativesOf {
  return shape.kind === 'alternatives'
    ? { ref, alternatives: shape.alternatives, union: true }
    : { ref, alternatives: [{ ref }], union: false };
}

/** A site nested in `site`'s type: `the elements of parameter 'tags' of 'S.m'`. */
export function inner(site: Site, words: string): Site {
  return { ...site, label: `${words} ${site.label}` };
}

/**
 * Reports types that do not fit as a whole: narrowed (input) or widened
 * (output) when the other direction fits, so one is a subset of the other;
 * otherwise changed. Returns false, for `return mismatch(...)`.
 */
export function mismatch(sent: TypeRef, recv: TypeRef, site: Site, st: CompatState): false {
  if (!st.report) return false;
  const subset = compat(recv, sent, site, probeState(st, true));
  const [oldRef, newRef] = st.sides.sentIsOld ? [sent, recv] : [recv, sent];
  const change = `'${printType(oldRef)}' became '${printType(newRef)}'`;
  const label = capitalize(site.label);
  const via = reachedFrom(site);
  if (!subset) {
    const why =
      st.flow === 'input'
        ? 'clients built before send values it refuses'
        : 'clients built before cannot read what it carries now';
    reportChange(
      st.ctx,
      breakingCodes.typeChanged,
      'new',
      site.newSpan,
      `The type of ${site.label} changed: ${change}${via}; ${why}.`,
      'Keep the old type, and add a new method (or property) with the new one.',
    );
  } else if (st.flow === 'input') {
    reportChange(
      st.ctx,
      breakingCodes.typeNarrowed,
      'new',
      site.newSpan,
      `${label} accepts less than before: ${change}${via}; clients built before may still send values it refuses.`,
      'Accept what the old type accepted (refuse in the implementation if you must), or add a new method with the narrower type.',
    );
  } else {
    reportChange(
      st.ctx,
      breakingCodes.typeWidened,
      'new',
      site.newSpan,
      `${label} may carry more than before: ${change}${via}; clients built before refuse values they did not expect.`,
      'Send only what the old type allowed, or add a new method (or property) with the wider type.',
    );
  }
  return false;
}
