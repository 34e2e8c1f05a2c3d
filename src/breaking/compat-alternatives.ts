import { breakingCodes } from '../contract/codes.js';
import type { TypeRef } from '../contract/model.js';
import { printType } from '../contract/check/print-type.js';
import { reportChange, type CompatState } from './compare-context.js';
import type { Site } from './flow.js';
import { shapeOf, type Alternative } from './shape-of.js';
import { capitalize, consequence, reachedFrom } from './wording.js';
import { compat, fits, mismatch } from './type-compat.js';

/** One side of a union comparison: the type as written and its alternatives (a non-union is its own one alternative). */
export interface AlternativesOf {
  readonly ref: TypeRef;
  readonly alternatives: readonly Alternative[];
  readonly union: boolean;
}

/**
 * Unions and enums: every alternative the sender may send must fit some
 * alternative of the receiver. An enum member that kept its name but not
 * its value is a changed value, even when the set of values is the same (a
 * reordered numeric enum). An alternative that fits none is compared with
 * its counterpart (same named type, same discriminant, the only one of its
 * kind) so the report says what changed inside it; without one it is a
 * removed member (input) or an added one (output), or, when the sender's
 * type is not a union at all, a narrowed, widened or changed type.
 */
export function compatAlternatives(
  sent: AlternativesOf,
  recv: AlternativesOf,
  site: Site,
  st: CompatState,
): boolean {
  let ok = true;
  for (const a of sent.alternatives) {
    const renumbered = a.enumMember ? sameMember(a, recv.alternatives) : undefined;
    if (renumbered === undefined && recv.alternatives.some((b) => fits(a.ref, b.ref, st))) continue;
    ok = false;
    if (!st.report) return false;
    const other = renumbered ?? counterpart(a, recv.alternatives, st);
    if (renumbered) reportValueChanged(a, renumbered, st);
    else if (other) compat(a.ref, other.ref, site, st);
    else if (!sent.union) return mismatch(sent.ref, recv.ref, site, st);
    else reportMissing(a, site, st);
  }
  return ok;
}

/** The receiver's member with the same name as enum member `a` but another value. */
function sameMember(a: Alternative, recv: readonly Alternative[]): Alternative | undefined {
  const name = a.enumMember?.member.name;
  return recv.find(
    (b) =>
      b.enumMember?.member.name === name &&
      b.enumMember?.member.value !== a.enumMember?.member.value,
  );
}

function counterpart(
  a: Alternative,
  recv: readonly Alternative[],
  st: CompatState,
): Alternative | undefined {
  if (a.ref.kind === 'literal') return undefined;
  if (a.ref.kind === 'ref') {
    const id = a.ref.id;
    const same = recv.find((b) => b.ref.kind === 'ref' && b.ref.id === id);
    if (same) return same;
  }
  const kind = kindOf(a.ref, st.sides.sent);
  const candidates = recv.filter(
    (b) => b.ref.kind !== 'literal' && kindOf(b.ref, st.sides.recv) === kind,
  );
  if (candidates.length <= 1) return candidates[0];
  if (kind !== 'object') return undefined;
  const tags = discriminants(a.ref, st.sides.sent);
  return candidates.find((b) => sameTags(tags, discriminants(b.ref, st.sides.recv)));
}

type Model = CompatState['sides']['sent'];

function kindOf(ref: TypeRef, model: Model): string {
  const shape = shapeOf(ref, model);
  return shape.kind === 'leaf'
    ? `${shape.ref.kind}:${shape.ref.kind === 'primitive' ? shape.ref.name : ''}`
    : shape.kind;
}

/** The literal-typed properties of an object: `{ kind: 'hours' }` → kind=hours. */
function discriminants(ref: TypeRef, model: Model): Map<string, unknown> {
  const tags = new Map<string, unknown>();
  const shape = shapeOf(ref, model);
  if (shape.kind !== 'object') return tags;
  for (const p of shape.properties) if (p.type.kind === 'literal') tags.set(p.name, p.type.value);
  return tags;
}

function sameTags(a: Map<string, unknown>, b: Map<string, unknown>): boolean {
  const shared = [...a.keys()].filter((k) => b.has(k));
  return shared.length > 0 && shared.every((k) => a.get(k) === b.get(k));
}

function reportMissing(a: Alternative, site: Site, st: CompatState): void {
  if (a.enumMember) return reportEnumMember(a, site, st);
  const input = st.flow === 'input';
  const what = printType(a.ref);
  const message = input
    ? `${capitalize(site.label)} no longer accepts '${what}'${reachedFrom(site)}: ${consequence.input}.`
    : `${capitalize(site.label)} may now be '${what}'${reachedFrom(site)}: ${consequence.output}.`;
  const hint = input
    ? `Keep '${what}' in the type; the implementation may refuse it with a ServiceError.`
    : `Add '${what}' in a new method or property instead, or only once every client can read it.`;
  reportChange(
    st.ctx,
    input ? breakingCodes.unionMemberRemoved : breakingCodes.unionMemberAdded,
    'new',
    site.newSpan,
    message,
    hint,
  );
}

/** Names may change, values may not: the value is what crosses the wire. Reported at the member in the new contracts. */
function reportValueChanged(a: Alternative, b: Alternative, st: CompatState): void {
  const [was, now] = st.sides.sentIsOld ? [a, b] : [b, a];
  const { enumName, member } = now.enumMember as NonNullable<Alternative['enumMember']>;
  const before = JSON.stringify(was.enumMember?.member.value);
  const message = `Enum member '${enumName}.${member.name}' changed its value from ${before} to ${JSON.stringify(member.value)}: values are what crosses the wire, so old and new sides read each other's values as other members.`;
  reportChange(
    st.ctx,
    breakingCodes.enumValueChanged,
    'new',
    member.span,
    message,
    `Keep the value ${before}; a member may be renamed, its value may not change.`,
  );
}

function reportEnumMember(a: Alternative, site: Site, st: CompatState): void {
  const { enumName, member } = a.enumMember as NonNullable<Alternative['enumMember']>;
  const name = `'${enumName}.${member.name}' (${JSON.stringify(member.value)})`;
  const where = `${site.label}${reachedFrom(site)}`;
  if (st.flow === 'input') {
    const message = `Enum member ${name} was removed, but ${where} receives it: ${consequence.input}.`;
    reportChange(
      st.ctx,
      breakingCodes.enumMemberRemoved,
      'old',
      member.span,
      message,
      'Keep the member (mark it @deprecated); the implementation may refuse it with a ServiceError.',
    );
  } else {
    const message = `Enum member ${name} was added, but ${where} goes to clients: clients built before refuse a value they do not know.`;
    reportChange(
      st.ctx,
      breakingCodes.enumMemberAdded,
      'new',
      member.span,
      message,
      'Send the new value only through a new method or property, or once every client knows it.',
    );
  }
}
