import type { Diagnostic } from '../diagnostic.js';
import type { Contract, TypeRef } from '../model.js';
import { capitalize, serviceNamedBy } from './describe.js';
import { printType } from './print-type.js';
import { error, warning } from './report.js';
import { unsupportedKinds, type UnsupportedKind } from './unsupported-kinds.js';
import { isDataPosition, isDirectServiceParam, walkTypes, type TypeVisit } from './walk-types.js';
import { wholeContract } from './whole-contract.js';

/**
 * CG201–CG207: constructs that cannot cross the wire, wherever data goes:
 * parameters, results (`T` of `Promise<T>`), named type definitions.
 * Codes, severities and advice per construct are in `unsupported-kinds.ts`.
 *
 * Each problem is reported once at its span: a generic's instantiations
 * (`Page<A>`, `Page<B>`) share the generic's declaration, so the same
 * construct would otherwise be reported once per instantiation. A function
 * or a service as a service-method parameter is left to CG102, which
 * suggests a callback; the types of a generic method are left to CG107,
 * since its own type parameters (`T`) are bound to be unsupported until the
 * signature is fixed.
 */
export function checkUnsupportedTypes(contract: Contract): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  walkTypes(contract, (v) => {
    if (!isDataPosition(v) || (v.owner.kind === 'method' && v.owner.method.generic)) return;
    const ref = v.ref;
    let kind: UnsupportedKind;
    let span = v.span;
    if (ref.kind === 'unsupported') {
      if (isDirectServiceParam(v) && (ref.what === 'function' || serviceNamedBy(ref, contract)))
        return;
      kind = unsupportedKinds[ref.what];
      span = ref.span;
    } else if (ref.kind === 'promise') {
      kind = unsupportedKinds.promise;
    } else {
      return;
    }
    const key = `${kind.code} ${span.file}:${span.line}:${span.column}`;
    if (seen.has(key)) return;
    seen.add(key);
    const { message, hint } = special(v, ref, contract) ?? {
      message: plainMessage(v, printType(ref), kind.why, ref),
      hint: kind.hint,
    };
    out.push((kind.severity === 'warning' ? warning : error)(kind.code, span, message, hint));
  });
  return out;
}

/** Two constructs whose generic wording would mislead: a service used as data, and a method of an interface used as data. */
function special(
  v: TypeVisit,
  ref: TypeRef,
  contract: Contract,
): { message: string; hint: string } | undefined {
  const service = serviceNamedBy(ref, contract);
  if (service) {
    return {
      message: `${capitalize(v.where)} ${verb(v)} '${service}', a service interface: a service is called, it is never sent as data.`,
      hint: `Remove it from the data. To let the server call the client, declare a callback interface ('interface Events extends Callback { ... }') and pass it as a parameter of a service method.`,
    };
  }
  // The reader turns each method of a method-bearing interface used as data (Contract.others) into a function-typed member.
  if (
    ref.kind === 'unsupported' &&
    ref.what === 'function' &&
    v.owner.kind === 'type' &&
    v.parents.length === 0
  ) {
    const owner = v.owner.type.name;
    const member = /^property '[^.]+\.(.+)'$/.exec(v.where)?.[1];
    const isMethod =
      member !== undefined &&
      ref.text.startsWith(`${member}(`) &&
      wholeContract(contract).others.some((o) => o.name === owner);
    if (isMethod) {
      return {
        message: `Interface '${owner}' is used as data but declares method '${member}': functions cannot be sent over the wire.`,
        hint: `If the server should call the client through it, mark it 'interface ${owner} extends Callback' and pass it as a direct parameter of a service method; if it is data, declare properties instead of methods.`,
      };
    }
  }
  return undefined;
}

/** Kinds whose recorded text is the construct and the reason, `[k: \`x-${string}\`]: T: template literal keys...`. */
const explained: ReadonlySet<string> = new Set(['index-key', 'index-mismatch', 'refinement']);

function plainMessage(v: TypeVisit, text: string, why: string, ref?: TypeRef): string {
  if (ref?.kind === 'unsupported' && explained.has(ref.what))
    return `${capitalize(v.where)}: '${ref.text.replace(/: ([^:]*)$/, "': $1")}.`;
  const how = verb(v);
  // An alias's type may print as the alias's own name ('UserId' is 'UserId'); then say only what it is.
  if (how === 'is' && v.owner.kind === 'type' && text === v.owner.type.name && /^an? /.test(why)) {
    return `${capitalize(v.where)} is ${why}.`;
  }
  return `${capitalize(v.where)} ${how} '${text}', ${why}.`;
}

/** "has type" for a declared type (or `T` of a result `Promise<T>`), "is" for an alias itself, "uses" for something nested. */
function verb(v: TypeVisit): string {
  const resultPromise = v.site === 'service-result' && v.parents[0]?.kind === 'promise' ? 1 : 0;
  if (v.parents.length > resultPromise) return 'uses';
  return v.owner.kind === 'type' && v.owner.type.definition.kind === 'alias' ? 'is' : 'has type';
}
