import { compareDiagnostics, type Diagnostic } from './diagnostic.js';
import type { Contract } from './model.js';
import { checkCallbackInData } from './check/check-callback-in-data.js';
import { checkCallbackParamNotCallback } from './check/check-callback-param-not-callback.js';
import { checkCallbackReturnsValue } from './check/check-callback-returns-value.js';
import { checkEmptyInterface } from './check/check-empty-interface.js';
import { checkNameCollision } from './check/check-name-collision.js';
import { checkOverloadedMethod } from './check/check-overloaded-method.js';
import { checkPropertyOnInterface } from './check/check-property-on-interface.js';
import { checkRequiredAfterOptional } from './check/check-required-after-optional.js';
import { checkNoService } from './check/check-no-service.js';
import { checkReservedName } from './check/check-reserved-name.js';
import { checkRuntimeNameClash } from './check/check-runtime-name-clash.js';
import { checkServiceMethodNotPromise } from './check/check-service-method-not-promise.js';
import { checkTypeNotExported } from './check/check-type-not-exported.js';
import { checkUnsupportedSignature } from './check/check-unsupported-signature.js';
import { checkUnsupportedTypes } from './check/check-unsupported-types.js';

/** A check rule: reads the model, returns what it finds. Rules are independent and never throw on a well-formed model. */
export type CheckRule = (contract: Contract) => Diagnostic[];

/** Every rule, in code order. Each lives in src/contract/check/check-<rule>.ts and is documented in docs/diagnostics.md. */
export const checkRules: readonly CheckRule[] = [
  checkNoService, // CG003
  checkCallbackReturnsValue, // CG101
  checkCallbackParamNotCallback, // CG102
  checkCallbackInData, // CG103
  checkServiceMethodNotPromise, // CG104
  checkPropertyOnInterface, // CG105
  checkOverloadedMethod, // CG106
  checkUnsupportedSignature, // CG107
  checkEmptyInterface, // CG108
  checkRequiredAfterOptional, // CG109
  checkUnsupportedTypes, // CG201–CG207
  checkNameCollision, // CG301
  checkRuntimeNameClash, // CG301
  checkReservedName, // CG302
  checkTypeNotExported, // CG303
];

/**
 * Runs every check rule over the contract model and returns the diagnostics,
 * sorted with {@link compareDiagnostics} (file, line, column, code) and
 * without exact duplicates. Pure: reads only the model, never source text.
 * An empty array means the contract can be generated; warnings (CG108,
 * CG206) do not stop generation, errors do.
 */
export function checkContract(contract: Contract): Diagnostic[] {
  const all = checkRules.flatMap((rule) => rule(contract));
  const seen = new Set<string>();
  const unique = all.filter((d) => {
    const key = JSON.stringify([d.code, d.span, d.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.sort(compareDiagnostics);
}
