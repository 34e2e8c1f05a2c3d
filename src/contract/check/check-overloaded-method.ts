import { codes } from '../codes.js';
import type { Diagnostic } from '../diagnostic.js';
import type { Contract } from '../model.js';
import { capitalize, inferredCallbackNote, methodLabel } from './describe.js';
import { error } from './report.js';

/**
 * CG106: an overloaded method. A call on the wire is a method name plus
 * positional arguments, with nothing to choose between signatures, and the
 * server validates arguments against one schema. Reported once per name, at
 * its first declaration, whether the reader lists each declaration or one.
 */
export function checkOverloadedMethod(contract: Contract): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const iface of [...contract.services, ...contract.callbacks]) {
    const seen = new Set<string>();
    for (const m of iface.methods) {
      if (m.overloads <= 1 || seen.has(m.name)) continue;
      seen.add(m.name);
      out.push(
        error(
          codes.overloadedMethod,
          m.span,
          `${capitalize(methodLabel(iface, m))} is declared ${m.overloads} times (overloads), but a call on the wire carries only the method name, so each name needs exactly one signature.` +
            inferredCallbackNote(contract, iface),
          `Give each signature its own name (e.g. '${m.name}ById', '${m.name}ByName'), or merge them into one signature with optional parameters or a union type.`,
        ),
      );
    }
  }
  return out;
}
