import type { SchemaNode } from './schema-types.js';

/**
 * Whether any of `children` converts: true as soon as one does, undefined
 * while one is not known yet (behind a lazy), false otherwise.
 */
export function anyConverts(children: readonly SchemaNode[]): boolean | undefined {
  let unknownYet = false;
  for (const child of children) {
    if (child.converts === true) return true;
    if (child.converts === undefined) unknownYet = true;
  }
  return unknownYet ? undefined : false;
}

/**
 * How a node whose `converts` is undecided is settled. Only a lazy leaves it
 * undecided (its target, and so its parents', is not known at construction),
 * so `lazy()` installs the settling walk (settle-conversion.ts): a bundle
 * without lazy schemas leaves that walk out.
 */
let settleUndecided: ((node: SchemaNode) => boolean) | undefined;

/** Installs the walk that settles undecided nodes (`lazy()` does, before any node can be undecided). */
export function settleWith(settle: (node: SchemaNode) => boolean): void {
  settleUndecided = settle;
}

/**
 * Whether `encode` must walk values of `node` (a date, bigint, bytes or
 * callback is reachable from it). Known at construction for most nodes;
 * nodes behind a lazy are settled here on first use, once. (A node built by
 * hand with `converts` undefined and no lazy anywhere is walked.)
 */
export function needsConversion(node: SchemaNode): boolean {
  return node.converts ?? settleUndecided?.(node) ?? true;
}
