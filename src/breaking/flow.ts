import type { Contract, Span } from '../contract/model.js';

/**
 * Which way values cross a slot, which decides which direction of change
 * breaks. The check asks whether what is deployed keeps working with the
 * other side updated:
 *
 * - `input`: the server receives (service-method parameters). Old clients
 *   still send old values, so the NEW type must accept every value of the OLD
 *   one: widening is safe, narrowing breaks.
 * - `output`: clients receive (service-method results, and callback-method
 *   parameters: the server sends events, clients decode them). The new server
 *   sends new values to old clients, so the OLD type must accept every value
 *   of the NEW one: narrowing is safe, widening breaks.
 */
export type Flow = 'input' | 'output';

/** Where two compared types sit, in both versions: for messages and spans. */
export interface Site {
  /** The holder in words: `parameter 'since' of 'Chat.history'`, `property 'Task.due'`. */
  readonly label: string;
  readonly oldSpan: Span;
  readonly newSpan: Span;
  /** The method slot a named type was reached from, when `label` is inside a named type. */
  readonly via?: string;
}

/** The sending and receiving side of a flow: which version sends the values, which one must read them. */
export interface FlowSides {
  readonly sent: Contract;
  readonly recv: Contract;
  /** True when the sending side is the old contract (`input`). */
  readonly sentIsOld: boolean;
}

/** Which version sends in `flow` (the old one for input, the new one for output). */
export function flowSides(flow: Flow, old: Contract, neu: Contract): FlowSides {
  return flow === 'input'
    ? { sent: old, recv: neu, sentIsOld: true }
    : { sent: neu, recv: old, sentIsOld: false };
}
