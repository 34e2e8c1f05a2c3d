import { breakingCodes } from '../contract/codes.js';
import type { Method } from '../contract/model.js';
import { compatState, reportChange, type CompareContext } from './compare-context.js';
import { compareParams } from './compare-params.js';
import { compareSlot } from './compare-slot.js';

/**
 * Services and their methods, by name. A removed one answers 404 to the
 * clients that call it. Adding a service or a method is safe.
 */
export function compareServices(ctx: CompareContext): void {
  for (const o of ctx.old.services) {
    const n = ctx.neu.services.find((s) => s.name === o.name);
    if (!n) {
      reportChange(
        ctx,
        breakingCodes.serviceRemoved,
        'old',
        o.span,
        `Service '${o.name}' was removed: clients that call it get 404 NOT_FOUND.`,
        'Keep it (mark it @deprecated) until no client calls it.',
      );
      continue;
    }
    for (const om of o.methods) {
      const nm = n.methods.find((m) => m.name === om.name);
      if (nm) compareMethod(`${n.name}.${nm.name}`, om, nm, ctx);
      else {
        const message = `Method '${o.name}.${om.name}' was removed: clients that call it get 404 NOT_FOUND.`;
        reportChange(
          ctx,
          breakingCodes.methodRemoved,
          'old',
          om.span,
          message,
          'Keep it (mark it @deprecated) until no client calls it.',
        );
      }
    }
  }
}

/** Parameters flow to the server (input); the result flows to clients (output). */
function compareMethod(owner: string, om: Method, nm: Method, ctx: CompareContext): void {
  compareParams('service', owner, om, nm, ctx);
  const site = {
    label: `the result of '${owner}'`,
    oldSpan: om.returnsSpan,
    newSpan: nm.returnsSpan,
  };
  compareSlot(om.returns, nm.returns, site, compatState(ctx, 'output'));
}
