import type { Refinements, TypeRef } from '../contract/model.js';
import { probeState, type CompatState } from './compare-context.js';
import type { Site } from './flow.js';
import { compat, mismatch } from './type-compat.js';

/** The range of each integer kind (as the runtime checks it). */
const integerRanges: Record<NonNullable<Refinements['integer']>, readonly [number, number]> = {
  integer: [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  int32: [-(2 ** 31), 2 ** 31 - 1],
  uint32: [0, 2 ** 32 - 1],
  int64: [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  uint64: [0, Number.MAX_SAFE_INTEGER],
};

/**
 * A refined type on either side: the receiver still decodes every value
 * when the bases fit and the sender's refinements imply the receiver's
 * (`Minimum<5>` implies `Minimum<0>`; `int32` implies `integer`). So a
 * refinement added or tightened where the server receives is narrowed
 * (CG409), one loosened or removed where clients receive is widened
 * (CG410), and the other way round is no break.
 */
export function compatRefined(sent: TypeRef, recv: TypeRef, site: Site, st: CompatState): boolean {
  const sentBase = sent.kind === 'refined' ? sent.of : sent;
  const recvBase = recv.kind === 'refined' ? recv.of : recv;
  const need = recv.kind === 'refined' ? recv.checks : {};
  const have = sent.kind === 'refined' ? sent.checks : {};
  if (!compat(sentBase, recvBase, site, probeState(st))) {
    // The bases differ: say that, as for unrefined types.
    return implies(have, need)
      ? compat(sentBase, recvBase, site, st)
      : mismatch(sent, recv, site, st);
  }
  return implies(have, need) || mismatch(sent, recv, site, st);
}

/** Whether every value that passes `have` passes `need`. */
export function implies(have: Refinements, need: Refinements): boolean {
  const [haveLow, haveLowOpen] = lowerBound(have);
  const [haveHigh, haveHighOpen] = upperBound(have);
  const [needLow, needLowOpen] = lowerBound(need);
  const [needHigh, needHighOpen] = upperBound(need);
  if (haveLow < needLow || (haveLow === needLow && needLowOpen && !haveLowOpen)) return false;
  if (haveHigh > needHigh || (haveHigh === needHigh && needHighOpen && !haveHighOpen)) return false;
  if (need.integer !== undefined && have.integer === undefined) return false;
  if (need.multipleOf !== undefined) {
    const q = (have.multipleOf ?? Number.NaN) / need.multipleOf;
    if (!Number.isInteger(q)) return false;
  }
  if ((have.minLength ?? 0) < (need.minLength ?? 0)) return false;
  if ((have.maxLength ?? Infinity) > (need.maxLength ?? Infinity)) return false;
  if ((have.minItems ?? 0) < (need.minItems ?? 0)) return false;
  if ((have.maxItems ?? Infinity) > (need.maxItems ?? Infinity)) return false;
  if (need.pattern !== undefined && have.pattern !== need.pattern) return false;
  if (need.format !== undefined && have.format !== need.format) return false;
  if (need.uniqueItems === true && have.uniqueItems !== true) return false;
  return true;
}

/** The lowest value allowed and whether it is excluded. */
function lowerBound(c: Refinements): [number, boolean] {
  let low = c.integer !== undefined ? integerRanges[c.integer][0] : -Infinity;
  let open = false;
  if (c.minimum !== undefined && c.minimum > low) low = c.minimum;
  if (c.exclusiveMinimum !== undefined && c.exclusiveMinimum >= low) {
    low = c.exclusiveMinimum;
    open = true;
  }
  return [low, open];
}

function upperBound(c: Refinements): [number, boolean] {
  let high = c.integer !== undefined ? integerRanges[c.integer][1] : Infinity;
  let open = false;
  if (c.maximum !== undefined && c.maximum < high) high = c.maximum;
  if (c.exclusiveMaximum !== undefined && c.exclusiveMaximum <= high) {
    high = c.exclusiveMaximum;
    open = true;
  }
  return [high, open];
}
