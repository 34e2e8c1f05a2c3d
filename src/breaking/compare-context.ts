import type { Contract, Span } from '../contract/model.js';
import type { BreakingCode } from '../contract/codes.js';
import { ChangeCollector, type ChangeSide } from './breaking-change.js';
import { flowSides, type Flow, type FlowSides } from './flow.js';

/** What one comparison of two versions shares: both models, the changes found, and memos that make recursive types end. */
export interface CompareContext {
  readonly old: Contract;
  readonly neu: Contract;
  readonly changes: ChangeCollector;
  /** Probe results by `direction|sentId|recvId`; a pair in progress counts as compatible (recursion is assumed to hold). */
  readonly memo: Map<string, boolean>;
  /** Named-type pairs already compared with reporting, by `flow|sentId|recvId`: each is reported once. */
  readonly visited: Set<string>;
  /** Callback interfaces compared so far, old name → new name (a rename passed at the same parameter counts). */
  readonly callbackPairs: Map<string, string>;
  /** Named pairs being probed (`depth`), and those found to fit meanwhile, which rest on the outer pairs fitting. */
  readonly probing: { depth: number; readonly tentative: string[] };
}

/** A fresh context for comparing `old` with `neu`. */
export function createCompareContext(old: Contract, neu: Contract): CompareContext {
  return {
    old,
    neu,
    changes: new ChangeCollector(),
    memo: new Map(),
    visited: new Set(),
    callbackPairs: new Map(),
    probing: { depth: 0, tentative: [] },
  };
}

/** One direction of a type comparison: `report` is absent in a probe, which only asks whether the types fit. */
export interface CompatState {
  readonly ctx: CompareContext;
  readonly flow: Flow;
  readonly sides: FlowSides;
  readonly report: boolean;
}

/** The reporting state of one flow, to compare a slot's types with. */
export function compatState(ctx: CompareContext, flow: Flow): CompatState {
  return { ctx, flow, sides: flowSides(flow, ctx.old, ctx.neu), report: true };
}

/** The same comparison as a silent probe; `swap` asks the reverse question (does the receiver's type fit in the sender's?). */
export function probeState(st: CompatState, swap = false): CompatState {
  const sides = swap
    ? { sent: st.sides.recv, recv: st.sides.sent, sentIsOld: !st.sides.sentIsOld }
    : st.sides;
  return { ...st, sides, report: false };
}

/** Records a breaking change (always an error). */
export function reportChange(
  ctx: CompareContext,
  code: BreakingCode,
  side: ChangeSide,
  span: Span,
  message: string,
  hint: string,
): void {
  ctx.changes.add({ side, diagnostic: { code, severity: 'error', message, hint, span } });
}
