import { breakingCodes } from '../contract/codes.js';
import type { Method, Param } from '../contract/model.js';
import { printType } from '../contract/check/print-type.js';
import { compareCallbackInterface } from './compare-callbacks.js';
import { compatState, reportChange, type CompareContext } from './compare-context.js';
import type { Site } from './flow.js';
import { compareSlot } from './compare-slot.js';

/** A service method's parameters (the server receives them) or a callback method's (clients receive them). */
export type ParamsOf = 'service' | 'callback';

/**
 * Parameters are positional on the wire, so they are compared by position
 * (a rename is safe; a reorder is a change of type at each place). The
 * runtime refuses more arguments than declared, on both sides, which is why
 * removing a parameter breaks senders that still send it.
 */
export function compareParams(
  of: ParamsOf,
  owner: string,
  old: Method,
  neu: Method,
  ctx: CompareContext,
): void {
  const count = Math.max(old.params.length, neu.params.length);
  for (let i = 0; i < count; i++) {
    const o = old.params[i];
    const n = neu.params[i];
    if (o && n) compareParam(of, owner, o, n, ctx);
    else if (n) added(of, owner, n, ctx);
    else if (o) removed(of, owner, o, ctx);
  }
}

function compareParam(of: ParamsOf, owner: string, o: Param, n: Param, ctx: CompareContext): void {
  const label = `parameter '${n.name}' of ${of === 'callback' ? 'callback ' : ''}'${owner}'`;
  if (of === 'service' && o.optional && !n.optional) {
    reportChange(
      ctx,
      breakingCodes.paramMadeRequired,
      'new',
      n.span,
      `Parameter '${n.name}' of '${owner}' was made required: clients built before may leave it out.`,
      'Keep it optional, and fill in a default in the implementation.',
    );
  }
  if (of === 'callback' && !o.optional && n.optional) {
    reportChange(
      ctx,
      breakingCodes.paramMadeOptional,
      'new',
      n.span,
      `Parameter '${n.name}' of callback '${owner}' was made optional: clients built before refuse events without it.`,
      'Keep it required (always send it).',
    );
  }
  if (o.type.kind === 'callback' && n.type.kind === 'callback') {
    compareCallbackInterface(o.type.name, n.type.name, ctx);
    return;
  }
  const site: Site = { label, oldSpan: o.span, newSpan: n.span };
  if (o.type.kind === 'callback' || n.type.kind === 'callback') {
    const message = `The type of ${label} changed from '${printType(o.type)}' to '${printType(n.type)}': a callback and data are different things on the wire.`;
    reportChange(
      ctx,
      breakingCodes.typeChanged,
      'new',
      n.span,
      message,
      'Keep the parameter as it was, and add a new method for the new one.',
    );
    return;
  }
  compareSlot(o.type, n.type, site, compatState(ctx, of === 'service' ? 'input' : 'output'));
}

/** A service method may gain an optional parameter at the end (old clients leave it out); a callback method may gain none: old clients refuse the extra argument. */
function added(of: ParamsOf, owner: string, n: Param, ctx: CompareContext): void {
  if (of === 'service' && n.optional) return;
  const message =
    of === 'service'
      ? `Required parameter '${n.name}' was added to '${owner}': clients built before do not send it.`
      : `Parameter '${n.name}' was added to callback '${owner}': clients built before refuse events with more arguments than they know.`;
  const hint =
    of === 'service'
      ? `Make it optional ('${n.name}?: ...') and treat absent as before, or add a new method.`
      : 'Add a new callback method instead: clients built before ignore methods they do not know.';
  reportChange(ctx, breakingCodes.paramAdded, 'new', n.span, message, hint);
}

/** Old clients still send a removed service parameter (too many arguments: 400); old clients still expect a removed required callback parameter. */
function removed(of: ParamsOf, owner: string, o: Param, ctx: CompareContext): void {
  if (of === 'callback' && o.optional) return;
  const message =
    of === 'service'
      ? `Parameter '${o.name}' was removed from '${owner}': clients built before still send it, and a call with too many arguments is refused.`
      : `Required parameter '${o.name}' was removed from callback '${owner}': clients built before refuse events without it.`;
  reportChange(
    ctx,
    breakingCodes.paramRemoved,
    'old',
    o.span,
    message,
    'Keep the parameter (document it as ignored), or add a new method without it.',
  );
}
