import type { TypeRef } from '../contract/model.js';
import type { CompatState } from './compare-context.js';
import type { Site } from './flow.js';
import { compat } from './type-compat.js';

/** Compares a slot's old and new type in its flow: the sender's type must fit the receiver's. */
export function compareSlot(old: TypeRef, neu: TypeRef, site: Site, st: CompatState): boolean {
  return st.sides.sentIsOld ? compat(old, neu, site, st) : compat(neu, old, site, st);
}
