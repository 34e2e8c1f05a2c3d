import type { Method, TypeRef } from '../contract/model.js';
import {
  contractModule,
  header,
  outputPath,
  relativeModule,
  type EmitContext,
} from './emit-context.js';
import { ImportSet } from './import-set.js';
import { handlersFunctionName, handlersTypeName, serviceName } from '../names/names.js';
import type { ServiceFile } from './plan-schema-modules.js';
import { printDoc } from './print-doc.js';
import { printType, type TypeContext } from './print-type.js';
import { renderTemplate } from './render-template.js';

/**
 * `<file>.server.ts`: per service, the handler interface the user implements
 * (every declared parameter, then the call context) and the function that
 * registers an implementation with the router.
 */
export function emitServerModule(ctx: EmitContext, decl: ServiceFile): string {
  const out = outputPath(decl.file, 'server');
  const declared = decl.services.flatMap((s) => [
    handlersTypeName(s.name),
    handlersFunctionName(s.name),
  ]);
  const imports = new ImportSet(declared);
  const typeCtx: TypeContext = {
    contract: ctx.contract,
    imports,
    contractModule: (file) => contractModule(ctx, out, file),
  };
  // Added first, so they keep their names (the template writes them as they are); a contract name that clashes is renamed.
  const serverModule = `${ctx.runtime}/server`;
  imports.addValue(serverModule, 'defineService');
  const callContext = imports.addType(serverModule, 'CallContext');
  imports.addType(serverModule, 'ServiceRegistration');
  imports.addType(serverModule, 'ClientInfo');
  imports.addType(serverModule, 'ServiceOptions');
  const services = decl.services.map((service) => ({
    doc: printDoc(service.doc),
    name: service.name,
    constant: imports.addValue(
      relativeModule(ctx, out, outputPath(decl.file, 'schema')),
      serviceName(service.name),
    ),
    handlersType: handlersTypeName(service.name),
    handlersFunction: handlersFunctionName(service.name),
    methods: service.methods.map((m) => handlerView(m, typeCtx, callContext)),
  }));
  return renderTemplate('server', {
    header: header(ctx, out, [decl.file]),
    imports: imports.lines(),
    services,
  });
}

function handlerView(method: Method, ctx: TypeContext, callContext: string) {
  const names = method.params.map((p) => p.name);
  const context = contextName(names);
  const params = method.params.map((p) => {
    const type = printType(p.type, ctx);
    return `${p.name}: ${p.optional ? `${type} | undefined` : type}`;
  });
  params.push(`${context}: ${callContext}`);
  const returned = resultOf(method.returns);
  // A reference: the implementation of the referenced service (its handlers), or a reference another server gave.
  const result =
    returned.kind === 'service'
      ? `${handlersTypeName(returned.name)} | ${printType(returned, ctx)}`
      : printType(returned, ctx);
  return {
    doc: printDoc(method.doc, names),
    name: method.name,
    params: params.join(', '),
    returns: `${wrapUnion(result)} | Promise<${result}>`,
  };
}

/** The type a service method resolves to: `T` of `Promise<T>`. */
export function resultOf(returns: TypeRef): TypeRef {
  return returns.kind === 'promise' ? returns.of : returns;
}

/** `ctx`, unless the contract already names a parameter so. */
function contextName(names: readonly string[]): string {
  let name = 'ctx';
  while (names.includes(name)) name = `_${name}`;
  return name;
}

function wrapUnion(text: string): string {
  return text.includes(' | ') || text.startsWith('(') ? `(${text})` : text;
}
