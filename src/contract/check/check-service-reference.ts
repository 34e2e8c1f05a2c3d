import { codes } from '../codes.js';
import type { Diagnostic } from '../diagnostic.js';
import type { Contract } from '../model.js';
import { walkTypes } from './walk-types.js';
import { error } from './report.js';

/**
 * CG120–CG122: where a service may stand for a reference to an instance of
 * it. Only as a service method's result (`room(id: string): Promise<Room>`):
 * the server answers `{"$service":"Room","ref":...}` and the client makes a
 * proxy of it. Inside data (an object, an array, a union, a parameter) there
 * is no such step (CG120); a callback method returns nothing (CG121); and
 * the referenced service must be declared in the same contract file as the
 * method, so that generated modules never import each other in a loop, as
 * services referring to each other (a catalog and its rooms) would (CG122).
 */
export function checkServiceReference(contract: Contract): Diagnostic[] {
  const out: Diagnostic[] = [];
  walkTypes(contract, (v) => {
    if (v.ref.kind !== 'service') return;
    const name = v.ref.name;
    if (v.site === 'callback-result') {
      const method =
        v.owner.kind === 'method'
          ? `'${v.owner.iface.name}.${v.owner.method.name}'`
          : 'a callback method';
      out.push(
        error(
          codes.callbackReturnsReference,
          v.span,
          `Callback method ${method} returns service '${name}': callbacks are one-way events, nothing comes back from the client.`,
          `Return '${name}' from a service method instead, e.g. 'open(id: string): Promise<${name}>'.`,
        ),
      );
      return;
    }
    const direct = v.site === 'service-result' && v.parents.every((p) => p.kind === 'promise');
    if (!direct) {
      out.push(
        error(
          codes.referenceInData,
          v.span,
          `Service '${name}' is used in ${v.where}: a service travels only as a reference a service method returns, never inside data or as an argument.`,
          `Return it directly, e.g. 'open(id: string): Promise<${name}>', and pass ids in data.`,
        ),
      );
      return;
    }
    if (v.owner.kind !== 'method') return;
    const target = contract.services.find((s) => s.name === name);
    if (target !== undefined && target.span.file !== v.owner.iface.span.file) {
      out.push(
        error(
          codes.referenceAcrossFiles,
          v.span,
          `'${v.owner.iface.name}.${v.owner.method.name}' returns service '${name}' of another contract file (${target.span.file}): a service and the services it returns are declared in one file.`,
          `Move '${name}' into ${v.owner.iface.span.file}, beside '${v.owner.iface.name}'.`,
        ),
      );
    }
  });
  return out;
}
