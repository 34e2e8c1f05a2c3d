import { compareDiagnostics, type Diagnostic } from './diagnostic.js';
import type { CallbackInterface, Contract, NamedType, ServiceInterface } from './model.js';
import { checkCallbackInData } from './check/check-callback-in-data.js';
import { checkCallbackParamNotCallback } from './check/check-callback-param-not-callback.js';
import { checkCallbackReturnsValue } from './check/check-callback-returns-value.js';
import { checkEmptyInterface } from './check/check-empty-interface.js';
import { checkNameCollision } from './check/check-name-collision.js';
import { checkOverloadedMethod } from './check/check-overloaded-method.js';
import { checkPropertyOnInterface } from './check/check-property-on-interface.js';
import { checkRequiredAfterOptional } from './check/check-required-after-optional.js';
import { checkServiceReference } from './check/check-service-reference.js';
import { checkNoService } from './check/check-no-service.js';
import { checkReservedName } from './check/check-reserved-name.js';
import { checkServiceMethodNotPromise } from './check/check-service-method-not-promise.js';
import { checkTypeNotExported } from './check/check-type-not-exported.js';
import { checkUnsupportedSignature } from './check/check-unsupported-signature.js';
import { checkUnsupportedTypes } from './check/check-unsupported-types.js';
import { checkAmbiguousUnion } from './check/check-ambiguous-union.js';
import { checkRefinements } from './check/check-refinements.js';
import { contractPart } from './check/whole-contract.js';

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
  checkServiceReference, // CG120–CG122
  checkUnsupportedTypes, // CG201–CG207, CG211–CG213
  checkAmbiguousUnion, // CG210
  checkRefinements, // CG213
  checkNameCollision, // CG301
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
  return finish(checkRules.flatMap((rule) => rule(contract)));
}

function finish(all: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  const unique = all.filter((d) => {
    const key = JSON.stringify([d.code, d.span, d.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.sort(compareDiagnostics);
}

/**
 * Rules whose findings on a declaration depend only on that declaration and
 * on the facts {@link contextOf} sums up (they look other declarations up
 * through `wholeContract`); with the key that rule dedupes its findings by
 * across declarations, first kept. The rest (CG003, CG301, CG303) compare
 * declarations with each other and always run on the whole contract.
 */
const perDeclaration: ReadonlyMap<CheckRule, ((d: Diagnostic) => string) | undefined> = new Map<
  CheckRule,
  ((d: Diagnostic) => string) | undefined
>([
  [checkCallbackReturnsValue, undefined],
  [checkCallbackParamNotCallback, undefined],
  [checkCallbackInData, undefined],
  [checkServiceMethodNotPromise, undefined],
  [checkPropertyOnInterface, undefined],
  [checkOverloadedMethod, undefined],
  [checkUnsupportedSignature, undefined],
  [checkEmptyInterface, undefined],
  [checkRequiredAfterOptional, undefined],
  [checkServiceReference, undefined],
  [checkUnsupportedTypes, (d) => `${d.code} ${spanKey(d)}`],
  [checkReservedName, spanKey],
]);

/**
 * What the rules that look at one declaration at a time find on `declaration`
 * of `contract` (the checks a type no service reaches would get, to tell
 * whether it can be emitted: see prune-unreachable).
 */
export function declarationDiagnostics(contract: Contract, declaration: Declaration): Diagnostic[] {
  const context = contextOf(contract);
  const kept = keptFindings.get(declaration);
  if (kept?.context === context) return kept.found;
  const part = contractPart(contract, declaration);
  const found = [...perDeclaration.keys()].flatMap((rule) => rule(part));
  keptFindings.set(declaration, { context, found });
  return found;
}

// What a declaration object was found to have, while what the rules look up about the others is the same (watch mode).
const keptFindings = new WeakMap<
  Declaration,
  { readonly context: string; readonly found: Diagnostic[] }
>();

function spanKey(d: Diagnostic): string {
  return `${d.span?.file}:${d.span?.line}:${d.span?.column}`;
}

/** Checks a contract like {@link checkContract}, again and again (watch mode). */
export interface ContractChecker {
  check(contract: Contract): Diagnostic[];
}

type Declaration = ServiceInterface | CallbackInterface | NamedType;

/**
 * A checker that remembers, per declaration object, what the rules that
 * look at one declaration at a time found on it: when the reader hands back
 * unchanged declarations as the same objects (watch mode), only the changed
 * ones are checked again. The result equals {@link checkContract}'s.
 */
export function createContractChecker(): ContractChecker {
  let context = '';
  let found = new WeakMap<Declaration, readonly (readonly Diagnostic[])[]>();
  const local = [...perDeclaration.keys()];
  return {
    check(contract) {
      const now = contextOf(contract);
      if (now !== context) found = new WeakMap();
      context = now;
      const declarations: Declaration[] = [
        ...contract.services,
        ...contract.callbacks,
        ...contract.types,
      ];
      const results = declarations.map((d) => {
        let perRule = found.get(d);
        if (!perRule) {
          const part = contractPart(contract, d);
          found.set(d, (perRule = local.map((rule) => rule(part))));
        }
        return perRule;
      });
      const all: Diagnostic[] = [];
      for (const rule of checkRules) {
        const index = local.indexOf(rule);
        if (index < 0) {
          all.push(...rule(contract));
          continue;
        }
        const key = perDeclaration.get(rule);
        const seen = new Set<string>();
        for (const perRule of results) {
          for (const d of perRule[index]!) {
            if (key) {
              const k = key(d);
              if (seen.has(k)) continue;
              seen.add(k);
            }
            all.push(d);
          }
        }
      }
      return finish(all);
    },
  };
}

const contexts = new WeakMap<Contract, string>();

/** What per-declaration rules look up about the other declarations: service, callback and other names, and where each callback is first passed. */
function contextOf(contract: Contract): string {
  let context = contexts.get(contract);
  if (context === undefined) contexts.set(contract, (context = computeContext(contract)));
  return context;
}

function computeContext(contract: Contract): string {
  const firstUse = new Map<string, string>();
  for (const service of contract.services) {
    for (const [name, use] of callbackUses(service))
      if (!firstUse.has(name)) firstUse.set(name, use);
  }
  return JSON.stringify([
    contract.services.map((s) => s.name),
    contract.callbacks.map((c) => c.name),
    contract.others.map((o) => o.name),
    [...firstUse],
  ]);
}

const uses = new WeakMap<ServiceInterface, readonly (readonly [string, string])[]>();

/** The callbacks a service's methods take, in order, with the method (kept per service object). */
function callbackUses(service: ServiceInterface): readonly (readonly [string, string])[] {
  let found = uses.get(service);
  if (!found) {
    const list: [string, string][] = [];
    for (const method of service.methods) {
      for (const param of method.params) {
        if (param.type.kind === 'callback')
          list.push([param.type.name, `${service.name}.${method.name}`]);
      }
    }
    uses.set(service, (found = list));
  }
  return found;
}
