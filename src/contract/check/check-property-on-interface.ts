import { codes } from '../codes.js';
import type { Diagnostic } from '../diagnostic.js';
import type { Contract } from '../model.js';
import { ifaceLabel, inferredCallbackNote } from './describe.js';
import { error } from './report.js';

/**
 * CG105: a service or callback interface declares a property (`version:
 * string`, or `onMessage: (m: Message) => void`). Only methods map to calls
 * and events; a property has no place on the wire.
 */
export function checkPropertyOnInterface(contract: Contract): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const iface of [...contract.services, ...contract.callbacks]) {
    for (const prop of iface.properties) {
      const isService = iface.kind === 'service';
      out.push(
        error(
          codes.propertyOnInterface,
          prop.span,
          `${ifaceLabel(iface)} declares property '${prop.name}'; a ${isService ? 'service' : 'callback'} interface may only declare methods.` +
            inferredCallbackNote(contract, iface),
          isService
            ? `Make it a method, e.g. '${prop.name}(): Promise<string>', or move it into a data type a method returns.`
            : `Make it a method, e.g. '${prop.name}(value: string): void'.`,
        ),
      );
    }
  }
  return out;
}
