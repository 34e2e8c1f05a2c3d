import type { Diagnostic } from '../diagnostic.js';
import type { Contract } from '../model.js';
import { capitalize } from './describe.js';
import { printType } from './print-type.js';
import { error, warning } from './report.js';
import { unsupportedKinds, type UnsupportedKind } from './unsupported-kinds.js';
import { isDataPosition, isDirectServiceParam, walkTypes, type TypeVisit } from './walk-types.js';

/**
 * CG201–CG207: constructs that cannot cross the wire, wherever data goes:
 * parameters, results (`T` of `Promise<T>`), named type definitions.
 * Codes, severities and advice per construct are in `unsupported-kinds.ts`.
 *
 * Each problem is reported once at its span: a generic's instantiations
 * (`Page<A>`, `Page<B>`) share the generic's declaration, so the same
 * construct would otherwise be reported once per instantiation. A function
 * as a service-method parameter is left to CG102, which suggests a callback;
 * the types of a generic method are left to CG107, since its own type
 * parameters (`T`) are bound to be unsupported until the signature is fixed.
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
      if (ref.what === 'function' && isDirectServiceParam(v)) return;
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
    const message = `${capitalize(v.where)} ${verb(v)} '${printType(ref)}', ${kind.why}.`;
    out.push((kind.severity === 'warning' ? warning : error)(kind.code, span, message, kind.hint));
  });
  return out;
}

/** "has type" for a declared type (or `T` of a result `Promise<T>`), "is" for an alias itself, "uses" for something nested. */
function verb(v: TypeVisit): string {
  const resultPromise = v.site === 'service-result' && v.parents[0]?.kind === 'promise' ? 1 : 0;
  if (v.parents.length > resultPromise) return 'uses';
  return v.owner.kind === 'type' && v.owner.type.definition.kind === 'alias' ? 'is' : 'has type';
}
