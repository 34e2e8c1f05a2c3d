import type { Contract } from '../contract/model.js';
import type { BreakingChange } from './breaking-change.js';
import { compareCallbacks } from './compare-callbacks.js';
import { createCompareContext } from './compare-context.js';
import { compareServices } from './compare-services.js';

export type { BreakingChange, ChangeSide } from './breaking-change.js';

/**
 * The changes from `old` to `neu` that break what is already deployed:
 * clients built against `old` talking to a server built on `neu` (the usual
 * order of a rollout). Pure: two models in, changes out, sorted (changes in
 * the new contracts first, then removals, which point into the old ones).
 * docs/breaking.md lists every rule with its code.
 */
export function compareContracts(old: Contract, neu: Contract): BreakingChange[] {
  const ctx = createCompareContext(old, neu);
  // Services first: they pair callback interfaces renamed at a parameter, so those are not reported as removed.
  compareServices(ctx);
  compareCallbacks(ctx);
  return ctx.changes.sorted();
}
