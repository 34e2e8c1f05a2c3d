import { ContractError } from '../protocol/contract-error.js';
import { isCallbackRef, isWebhookRef } from '../protocol/messages.js';
import { decodeNode } from '../schema/decode-node.js';
import { DecodeState, FAIL } from '../schema/decode-state.js';
import { describeValue } from '../schema/describe-value.js';
import type { DecodeLimits } from '../schema/limits.js';
import type { MethodRoute } from './route-table.js';

/**
 * Checks the arity and decodes every argument against its schema, before
 * any handler code runs. Returns the handler's argument list: one entry per
 * declared parameter (omitted optional ones `undefined`) and a free last slot
 * for the context. Callback arguments are only checked for shape here (their
 * `{"$cb": n}`, or `{"$webhook": {...}}`, is left in place for the resolver).
 * Throws `BAD_ARGUMENT`.
 */
export function decodeArgs(
  route: MethodRoute,
  body: readonly unknown[],
  limits: DecodeLimits,
): unknown[] {
  const count = body.length;
  const params = route.params;
  if (count < route.required || count > params.length) throw arityError(route, count);
  const st = new DecodeState(limits);
  // Sized once: pushing onto [] reserves room for 17 entries at the first push.
  const args = new Array<unknown>(params.length + 1);
  for (let i = 0; i < params.length; i++) {
    const param = params[i] as MethodRoute['params'][number];
    const wire = body[i];
    if (param.callback !== undefined)
      args[i] = checkCallbackRef(wire, i, param.node.kind === 'optional');
    else if (i >= count) args[i] = undefined;
    else {
      const decoded = decodeNode(param.node, wire, st);
      if (decoded === FAIL) throw st.toError(`args[${i}]`);
      args[i] = decoded;
    }
  }
  args[params.length] = undefined;
  return args;
}

function checkCallbackRef(wire: unknown, index: number, optional: boolean): unknown {
  // An omitted optional callback may also arrive as null from other languages; a required one may not be omitted at all.
  if (optional && (wire === undefined || wire === null)) return undefined;
  if (isCallbackRef(wire) || isWebhookRef(wire)) return wire;
  const expected = '{"$cb": n} with n a non-negative integer';
  const received = describeValue(wire);
  throw new ContractError(
    'BAD_ARGUMENT',
    `Invalid args[${index}]: expected a callback reference ${expected}, received ${received}.`,
    {
      path: `args[${index}]`,
      expected,
      received,
    },
  );
}

function arityError(route: MethodRoute, count: number): ContractError {
  const max = route.params.length;
  const expected =
    route.required === max
      ? `${max} argument${max === 1 ? '' : 's'}`
      : `${route.required} to ${max} arguments`;
  return new ContractError(
    'BAD_ARGUMENT',
    `${route.service}.${route.method} takes ${expected}, received ${count}.`,
    {
      path: 'args',
      expected,
      received: `${count} argument${count === 1 ? '' : 's'}`,
    },
  );
}
