import { codes } from '../codes.js';
import type { Diagnostic } from '../diagnostic.js';
import type { Contract } from '../model.js';
import { isDirectServiceParam, walkTypes } from './walk-types.js';
import { serviceNamedBy } from './describe.js';
import { error } from './report.js';
import { wholeContract } from './whole-contract.js';

/**
 * CG102: a service-method parameter meant as a callback whose type is not a
 * callback interface. Two cases, both the position where a callback belongs
 * filled with something that cannot be one:
 *
 * - a function type (`onMessage: (m: Message) => void`): the natural first
 *   try, so it gets this targeted message instead of the generic CG201;
 * - an interface passed as a callback that is not a callback interface, such
 *   as a service (`extends Service`): the server cannot call a client's service.
 *
 * An optional callback parameter (`events?: ChatEvents`) is allowed: the
 * client may pass none, and the handler then receives `undefined`.
 */
export function checkCallbackParamNotCallback(contract: Contract): Diagnostic[] {
  const callbacks = new Set(wholeContract(contract).callbacks.map((c) => c.name));
  const out: Diagnostic[] = [];
  walkTypes(contract, (v) => {
    if (!isDirectServiceParam(v) || v.owner.kind !== 'method' || !v.param) return;
    const ref = v.ref;
    const label = `'${v.owner.iface.name}.${v.owner.method.name}'`;
    const name = v.param.name;
    const service = serviceNamedBy(ref, contract);
    if (ref.kind === 'unsupported' && ref.what === 'function') {
      out.push(
        error(
          codes.callbackParamNotCallback,
          v.param.span,
          `Parameter '${name}' of service method ${label} is a function ('${ref.text}'). Functions cannot be sent to the server; the server calls the client back through a callback interface.`,
          example(name),
        ),
      );
    } else if (service !== undefined || (ref.kind === 'callback' && !callbacks.has(ref.name))) {
      const typeName = service ?? (ref.kind === 'callback' ? ref.name : '');
      out.push(
        error(
          codes.callbackParamNotCallback,
          v.param.span,
          `Parameter '${name}' of service method ${label} has type '${typeName}', ${service ? 'a service interface' : 'which is not a callback interface'}, but only a callback interface can be passed to a service method.`,
          example(name),
        ),
      );
    }
  });
  return out;
}

function example(paramName: string): string {
  return (
    `Declare a callback interface whose methods return void and pass that: ` +
    `'interface Events extends Callback { done(result: Result): void }', then '${paramName}: Events'.`
  );
}
