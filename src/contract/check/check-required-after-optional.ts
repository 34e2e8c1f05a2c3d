import { codes } from '../codes.js';
import type { Diagnostic } from '../diagnostic.js';
import type { Contract, Param } from '../model.js';
import { methodLabel } from './describe.js';
import { error } from './report.js';

/**
 * CG109: a required parameter after an optional one. Arguments are
 * positional and an omitted optional one is simply absent from the end of
 * the array, so only trailing parameters can be optional (TypeScript agrees;
 * this keeps the generator from emitting code built on the mistake). Each
 * offending parameter is reported once, naming the optional one before it.
 * A rest parameter is left to CG107.
 */
export function checkRequiredAfterOptional(contract: Contract): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const iface of [...contract.services, ...contract.callbacks]) {
    for (const m of iface.methods) {
      let firstOptional: Param | undefined;
      for (const p of m.params) {
        if (p.optional) {
          firstOptional ??= p;
        } else if (firstOptional && !p.rest) {
          out.push(
            error(
              codes.requiredAfterOptional,
              p.span,
              `Parameter '${p.name}' of ${methodLabel(iface, m)} is required but follows the optional parameter '${firstOptional.name}'; only trailing parameters can be optional.`,
              `Move '${firstOptional.name}' after '${p.name}', or make '${p.name}' optional too ('${p.name}?: ...').`,
            ),
          );
        }
      }
    }
  }
  return out;
}
