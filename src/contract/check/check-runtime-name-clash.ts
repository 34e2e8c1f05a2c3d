import { codes } from '../codes.js';
import type { Diagnostic } from '../diagnostic.js';
import { findType } from '../find-type.js';
import type { Contract, Span } from '../model.js';
import { error } from './report.js';
import { walkTypes } from './walk-types.js';

/**
 * Names generated files import from the runtime, and where: a contract name
 * equal to one of them would be imported twice into the same file.
 * Mirrors src/emit/emit-*-module.ts.
 */
const runtimeNames: Readonly<Record<string, { readonly module: string; readonly everywhere: boolean }>> = {
  // `import * as s from '@contract-gen/runtime/schema'` opens every schema file, which imports every named type.
  s: { module: '@contract-gen/runtime/schema', everywhere: true },
  Connection: { module: '@contract-gen/runtime/client', everywhere: false },
  CallContext: { module: '@contract-gen/runtime/server', everywhere: false },
  ServiceRegistration: { module: '@contract-gen/runtime/server', everywhere: false },
  defineService: { module: '@contract-gen/runtime/server', everywhere: false },
  ClientInfo: { module: '@contract-gen/runtime/server', everywhere: false },
  ServiceOptions: { module: '@contract-gen/runtime/server', everywhere: false },
};

/**
 * CG301 (runtime names): a contract name that generated code would import
 * next to the same name from the runtime. Server and client files import the
 * contract names written in method signatures (services, callbacks, the
 * types of parameters and results), so only those can clash with
 * `Connection`, `CallContext`, `ClientInfo`, `ServiceOptions`,
 * `ServiceRegistration` and `defineService`;
 * schema files import every named type beside the namespace `s`.
 */
export function checkRuntimeNameClash(contract: Contract): Diagnostic[] {
  // Most contracts use none of these names: then there is nothing to walk for.
  const named = (d: { readonly name: string }) => Object.hasOwn(runtimeNames, d.name);
  if (!contract.types.some(named) && !contract.callbacks.some(named) && !contract.services.some(named)) return [];
  const inSignatures = new Set<string>([...contract.services, ...contract.callbacks].map((i) => i.name));
  walkTypes(contract, (v) => {
    if (v.owner.kind === 'method' && v.ref.kind === 'ref') inSignatures.add(nameOf(contract, v.ref.id));
  });
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  const declarations: Array<{ name: string; label: string; span: Span }> = [
    ...contract.types.map((t) => ({ name: t.name, label: 'Type', span: t.span })),
    ...contract.callbacks.map((c) => ({ name: c.name, label: 'Callback interface', span: c.span })),
    ...contract.services.map((s) => ({ name: s.name, label: 'Service', span: s.span })),
  ];
  for (const d of declarations) {
    const runtime = Object.hasOwn(runtimeNames, d.name) ? runtimeNames[d.name] : undefined;
    if (!runtime || (!runtime.everywhere && !inSignatures.has(d.name))) continue;
    const key = `${d.span.file}:${d.span.line}:${d.span.column}`;
    if (seen.has(key)) continue; // instantiations of one generic
    seen.add(key);
    out.push(
      error(
        codes.nameCollision,
        d.span,
        `${d.label} '${d.name}' has the same name as '${d.name}', which generated code imports from '${runtime.module}'; the two imports would clash.`,
        `Rename it, e.g. '${d.name === 's' ? 'S' : `${d.name}Info`}'.`,
      ),
    );
  }
  return out;
}

function nameOf(contract: Contract, id: string): string {
  return findType(contract, id)?.name ?? id;
}
