import type { Method } from '../contract/model.js';
import {
  contractModule,
  header,
  outputPath,
  relativeModule,
  type EmitContext,
} from './emit-context.js';
import { resultOf } from './emit-server-module.js';
import { ImportSet } from './import-set.js';
import { clientFunctionName, serviceName } from '../names/names.js';
import type { ServiceFile } from './plan-schema-modules.js';
import { printType, type TypeContext } from './print-type.js';
import { renderTemplate } from './render-template.js';

/**
 * `<file>.client.ts`: per service, a function that builds a plain object
 * implementing the contract's own interface over a connection.
 */
export function emitClientModule(ctx: EmitContext, decl: ServiceFile): string {
  const out = outputPath(decl.file, 'client');
  const imports = new ImportSet(decl.services.map((s) => clientFunctionName(s.name)));
  const typeCtx: TypeContext = {
    contract: ctx.contract,
    imports,
    contractModule: (file) => contractModule(ctx, out, file),
  };
  // Added first, so it keeps its name (the template writes it as it is); a contract type `Connection` is renamed.
  imports.addType(`${ctx.runtime}/client`, 'Connection');
  const services = decl.services.map((service) => ({
    name: service.name,
    typeName: imports.addType(contractModule(ctx, out, service.span.file), service.name),
    constant: imports.addValue(
      relativeModule(ctx, out, outputPath(decl.file, 'schema')),
      serviceName(service.name),
    ),
    clientFunction: clientFunctionName(service.name),
    methods: service.methods.map((m) => clientMethodView(m, typeCtx)),
  }));
  return renderTemplate('client', {
    header: header(ctx, out, [decl.file]),
    imports: imports.lines(),
    services,
  });
}

function clientMethodView(method: Method, ctx: TypeContext) {
  // Parameters are positional, so a name that would shadow `conn` is simply renamed.
  const names = method.params.map((p) => (p.name === 'conn' ? 'conn_' : p.name));
  return {
    name: method.name,
    params: names.join(', '),
    args: names.join(', '),
    resultType: printType(resultOf(method.returns), ctx),
  };
}
