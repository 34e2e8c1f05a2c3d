import { breakingCodes } from '../contract/codes.js';
import { reportChange, type CompareContext } from './compare-context.js';
import { compareParams } from './compare-params.js';

/**
 * Callback interfaces, by name (or paired by a rename at the same service
 * parameter). Removing one, or one of its methods, leaves subscribed
 * clients waiting for events that never come. Adding a method is safe:
 * clients built before drop events of methods they do not know (their
 * runtime reports them to itself, not to the application).
 */
export function compareCallbacks(ctx: CompareContext): void {
  for (const o of ctx.old.callbacks) {
    if (ctx.callbackPairs.has(o.name)) continue;
    if (ctx.neu.callbacks.some((n) => n.name === o.name))
      compareCallbackInterface(o.name, o.name, ctx);
    else {
      const message = `Callback interface '${o.name}' was removed: clients that subscribed with it never hear its events again.`;
      reportChange(
        ctx,
        breakingCodes.callbackRemoved,
        'old',
        o.span,
        message,
        'Keep it (mark it @deprecated) and keep sending its events until no client uses it.',
      );
    }
  }
}

/** One old callback interface against one new one (the same name, or a rename), once per pair. */
export function compareCallbackInterface(
  oldName: string,
  newName: string,
  ctx: CompareContext,
): void {
  if (ctx.callbackPairs.get(oldName) === newName) return;
  ctx.callbackPairs.set(oldName, newName);
  const o = ctx.old.callbacks.find((c) => c.name === oldName);
  const n = ctx.neu.callbacks.find((c) => c.name === newName);
  if (!o || !n) return;
  for (const om of o.methods) {
    const nm = n.methods.find((m) => m.name === om.name);
    if (nm) compareParams('callback', `${n.name}.${nm.name}`, om, nm, ctx);
    else {
      const message = `Callback method '${o.name}.${om.name}' was removed: clients that listen for it never hear it again.`;
      reportChange(
        ctx,
        breakingCodes.callbackMethodRemoved,
        'old',
        om.span,
        message,
        'Keep it (mark it @deprecated) and keep sending it until no client relies on it.',
      );
    }
  }
}
