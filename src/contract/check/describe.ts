import type {
  CallbackInterface,
  Contract,
  Method,
  Param,
  ServiceInterface,
  TypeRef,
} from '../model.js';
import { wholeContract } from './whole-contract.js';

type Iface = ServiceInterface | CallbackInterface;

/** `Service 'Chat'` or `Callback interface 'ChatEvents'`, to start a message. */
export function ifaceLabel(iface: Iface): string {
  return `${iface.kind === 'service' ? 'Service' : 'Callback interface'} '${iface.name}'`;
}

/** `service method 'Chat.join'` or `callback method 'ChatEvents.messagePosted'`; {@link capitalize} it to start a message. */
export function methodLabel(iface: Iface, method: Method): string {
  return `${iface.kind === 'service' ? 'service' : 'callback'} method '${iface.name}.${method.name}'`;
}

/** The text with its first letter in upper case. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The first service method taking the named callback interface as a direct parameter, if any. */
export function findCallbackUse(
  contract: Contract,
  callbackName: string,
): { service: ServiceInterface; method: Method; param: Param } | undefined {
  for (const service of wholeContract(contract).services) {
    for (const method of service.methods) {
      const param = method.params.find(
        (p) => p.type.kind === 'callback' && p.type.name === callbackName,
      );
      if (param) return { service, method, param };
    }
  }
  return undefined;
}

/**
 * For a callback interface that is not marked `extends Callback`, the
 * sentence explaining why the callback rules apply to it at all: a user who
 * never meant it as a callback would otherwise be puzzled. Empty for
 * services and marked callbacks. Starts with a space when not empty.
 */
export function inferredCallbackNote(contract: Contract, iface: Iface): string {
  if (iface.kind !== 'callback' || iface.origin !== 'used-as-callback-param') return '';
  const use = findCallbackUse(contract, iface.name);
  const via = use
    ? ` because it is passed to service method '${use.service.name}.${use.method.name}'`
    : ' because it is passed to a service method';
  return ` '${iface.name}' is treated as a callback interface${via}.`;
}

/** For an unmarked callback interface, the advice to mark it. Empty otherwise. Starts with a space when not empty. */
export function markAsCallbackHint(iface: Iface): string {
  if (iface.kind !== 'callback' || iface.origin !== 'used-as-callback-param') return '';
  return ` Mark it 'interface ${iface.name} extends Callback' to make its role explicit.`;
}

/**
 * The service a TypeRef names, when a service interface is used where data
 * or a callback belongs. The reader records that as an unsupported `other`
 * whose text starts with the service's name (`Lobby (a service interface is
 * not data)`); a `callback` ref naming a service is accepted too.
 */
export function serviceNamedBy(ref: TypeRef, contract: Contract): string | undefined {
  let name: string | undefined;
  if (ref.kind === 'callback') name = ref.name;
  else if (ref.kind === 'unsupported' && ref.what === 'other') name = /^[\w$]+/.exec(ref.text)?.[0];
  return name !== undefined && wholeContract(contract).services.some((s) => s.name === name)
    ? name
    : undefined;
}
