import type { CallbackInterface, Contract, NamedType, ServiceInterface } from '../model.js';

const wholes = new WeakMap<Contract, Contract>();

/**
 * The whole contract a rule is looking at part of. A rule reports on the
 * declarations of the contract it is given, but what it looks up about the
 * others (which names are services or callbacks, where a callback is
 * passed, the `others`) comes from here, so a rule run on one declaration at
 * a time (see createContractChecker) reports exactly what it would on all.
 */
export function wholeContract(contract: Contract): Contract {
  return wholes.get(contract) ?? contract;
}

/** A contract holding one declaration of `whole` (for rules run one declaration at a time). */
export function contractPart(
  whole: Contract,
  declaration: ServiceInterface | CallbackInterface | NamedType,
): Contract {
  const part: Contract = {
    files: whole.files,
    services: 'kind' in declaration && declaration.kind === 'service' ? [declaration] : [],
    callbacks: 'kind' in declaration && declaration.kind === 'callback' ? [declaration] : [],
    types: 'kind' in declaration ? [] : [declaration],
    others: whole.others,
  };
  wholes.set(part, whole);
  return part;
}
