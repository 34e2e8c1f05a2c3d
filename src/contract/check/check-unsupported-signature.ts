import { codes } from '../codes.js';
import type { Diagnostic } from '../diagnostic.js';
import type { Contract } from '../model.js';
import { capitalize, inferredCallbackNote, methodLabel } from './describe.js';
import { error } from './report.js';

/**
 * CG107: signatures the wire cannot describe. A method with type parameters
 * of its own (`get<T>(key: string): Promise<T>`) has no concrete type to
 * validate arguments and results against. A rest parameter (`...tags`) would
 * make the positional argument array ambiguous once optional parameters and
 * callbacks are involved; an array parameter says the same thing plainly.
 */
export function checkUnsupportedSignature(contract: Contract): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const iface of [...contract.services, ...contract.callbacks]) {
    const note = inferredCallbackNote(contract, iface);
    for (const m of iface.methods) {
      if (m.generic) {
        out.push(
          error(
            codes.unsupportedSignature,
            m.span,
            `${capitalize(methodLabel(iface, m))} declares type parameters of its own; the generator needs a concrete type for every parameter and result to validate them on the wire.${note}`,
            `Replace the type parameters with concrete types. For one shape per case, declare one method per type, or a generic data type instantiated with concrete arguments ('Page<Item>').`,
          ),
        );
      }
      for (const p of m.params) {
        if (!p.rest) continue;
        out.push(
          error(
            codes.unsupportedSignature,
            p.span,
            `Parameter '...${p.name}' of ${methodLabel(iface, m)} is a rest parameter; arguments travel as one positional array, so a method takes a fixed list of parameters.${note}`,
            `Take an array instead: '${p.name}: T[]'.`,
          ),
        );
      }
    }
  }
  return out;
}
