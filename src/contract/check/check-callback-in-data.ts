import { codes } from '../codes.js';
import type { Diagnostic } from '../diagnostic.js';
import type { Contract, TypeRef } from '../model.js';
import { isDirectServiceParam, walkTypes, type TypeVisit } from './walk-types.js';
import { error } from './report.js';

/**
 * CG103: a callback interface anywhere but as the declared type of a
 * service-method parameter. On the wire a callback is `{"$cb": n}` in the
 * argument array of a call, registered by the client before it sends the
 * call; inside an object, an array, a union, a result or a callback's own
 * arguments there is no such registration, so it cannot work.
 *
 * An optional parameter (`events?: ChatEvents`) is fine; `ChatEvents |
 * undefined` is a union and gets a hint pointing at the optional form.
 * A callback method's return type is left to CG101.
 */
export function checkCallbackInData(contract: Contract): Diagnostic[] {
  const out: Diagnostic[] = [];
  walkTypes(contract, (v) => {
    if (v.ref.kind !== 'callback' || v.site === 'callback-result' || isDirectServiceParam(v))
      return;
    out.push(error(codes.callbackInData, v.span, message(v, v.ref.name), hint(v, v.ref.name)));
  });
  return out;
}

function message(v: TypeVisit, name: string): string {
  const head = `Callback interface '${name}' is used in ${v.where}`;
  if (v.site === 'callback-param')
    return `${head}: a callback cannot pass callbacks, because its arguments travel as data in a one-way event.`;
  if (v.site === 'service-result')
    return `${head}: a result is data, and the server cannot hand a callback to the client.`;
  return `${head}: callbacks cannot be part of data; a callback can only be a direct parameter of a service method.`;
}

function hint(v: TypeVisit, name: string): string {
  if (v.site === 'service-param' && v.parents.length === 1 && isOptionalUnion(v.parents[0])) {
    return `To make the callback optional, declare the parameter optional: '${v.param?.name ?? 'events'}?: ${name}'.`;
  }
  return `Pass '${name}' directly as a parameter of a service method instead, e.g. 'subscribe(events: ${name}): Promise<void>'.`;
}

/** `X | undefined` or `X | null` (the union directly around the callback, at the top of a parameter). */
function isOptionalUnion(ref: TypeRef | undefined): boolean {
  if (ref?.kind !== 'union') return false;
  return ref.members.every(
    (m) =>
      m.kind === 'callback' ||
      (m.kind === 'primitive' && (m.name === 'undefined' || m.name === 'null')),
  );
}
