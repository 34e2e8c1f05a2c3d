import { codes } from '../codes.js';
import type { Diagnostic } from '../diagnostic.js';
import type { Contract } from '../model.js';
import { ifaceLabel } from './describe.js';
import { warning } from './report.js';

/**
 * CG108 (warning): a service or callback interface without methods.
 *
 * A warning, not an error: the generated code is still valid. An empty
 * service is most likely unfinished (a client can call nothing), and an
 * empty callback interface can never be called, though it still works as a
 * presence token whose release hook runs when the client goes away.
 * Interfaces that only have properties are skipped: CG105 already says what
 * to do with them, and turning the properties into methods fixes both.
 */
export function checkEmptyInterface(contract: Contract): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const iface of [...contract.services, ...contract.callbacks]) {
    if (iface.methods.length > 0 || iface.properties.length > 0) continue;
    const isService = iface.kind === 'service';
    out.push(
      warning(
        codes.emptyInterface,
        iface.span,
        isService
          ? `Service '${iface.name}' has no methods, so clients can call nothing on it.`
          : `${ifaceLabel(iface)} has no methods, so the server can never call it.`,
        isService
          ? `Add a method, e.g. 'ping(): Promise<void>', or remove the interface.`
          : `Add a method, e.g. 'changed(value: string): void', or remove the interface.`,
      ),
    );
  }
  return out;
}
