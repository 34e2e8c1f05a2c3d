import type { CallbackInterface, Method, NamedType, ServiceInterface } from '../contract/model.js';
import { callbackName, schemaName, serviceName } from '../names/names.js';
import { GENERATOR_VERSION } from '../version.js';
import { contractModule, header, relativeModule, type EmitContext } from './emit-context.js';
import { ImportSet } from './import-set.js';
import type { SchemaModule } from './plan-schema-modules.js';
import { printDoc } from './print-doc.js';
import { printObjectSchema, printSchema, type SchemaContext } from './print-schema.js';
import { printType, type TypeContext } from './print-type.js';
import { countCalls, markPure, pureWrap } from './pure.js';
import { quote } from './quote.js';
import { renderTemplate } from './render-template.js';

/**
 * A schema module (`<file>.schema.ts`, or the shared module of contract
 * files that refer to each other in a loop): a schema constant per named
 * type, a descriptor per callback interface and per service. Both sides of
 * the wire import it. `homeOf` says which module declares another file's
 * schemas (`SchemaPlan.homeOf`).
 */
export function emitSchemaModule(
  ctx: EmitContext,
  module: SchemaModule,
  homeOf: (file: string) => string,
): string {
  const out = module.path;
  // The runtime namespace and every constant declared here keep their names; an import that clashes is renamed.
  const imports = new ImportSet(['s', ...declaredNames(ctx, module)]);
  const declared = new Set<string>();
  const schemaCtx: SchemaContext = {
    contract: ctx.contract,
    imports,
    module: out,
    declared,
    homeOf,
    specifier: (path) => relativeModule(ctx, out, path),
  };
  const typeCtx: TypeContext = {
    contract: ctx.contract,
    imports,
    contractModule: (file) => contractModule(ctx, out, file),
  };
  const types = module.types.map((type) => {
    const view = typeView(type, schemaCtx, typeCtx);
    declared.add(view.constant);
    return view;
  });
  const callbacks = module.callbacks.map((cb) => callbackView(cb, schemaCtx));
  const services = module.services.map((service) => serviceView(service, schemaCtx));
  const reexport = module.reexport;
  return renderTemplate('schema', {
    header: header(ctx, out, module.sources),
    runtime: ctx.runtime,
    generatorVersion: GENERATOR_VERSION,
    imports: imports.lines(),
    reexport: reexport
      ? `export { ${[...reexport.names].sort().join(', ')} } from '${relativeModule(ctx, out, reexport.from)}';`
      : '',
    types,
    callbacks,
    services,
  });
}

function declaredNames(ctx: EmitContext, module: SchemaModule): string[] {
  return [
    ...module.types.map((t) => schemaName(t, ctx.contract)),
    ...module.callbacks.map((c) => callbackName(c.name)),
    ...module.services.map((s) => serviceName(s.name)),
  ];
}

function typeView(type: NamedType, schemaCtx: SchemaContext, typeCtx: TypeContext) {
  const def = type.definition;
  const schema =
    def.kind === 'object'
      ? printObjectSchema(def.properties, schemaCtx, def.rest)
      : def.kind === 'enum'
        ? `s.enum([${def.members.map((m) => (typeof m.value === 'string' ? quote(m.value) : String(m.value))).join(', ')}])`
        : printSchema(def.type, schemaCtx);
  return {
    doc: printDoc(type.doc),
    constant: schemaName(type, schemaCtx.contract),
    tsType: printType({ kind: 'ref', id: type.id }, typeCtx),
    schema: markPure(schema),
  };
}

function callbackView(cb: CallbackInterface, ctx: SchemaContext) {
  const methods = cb.methods.map((m) => ({
    doc: printDoc(m.doc),
    name: m.name,
    params: paramSchemas(m, ctx),
  }));
  return {
    doc: printDoc(cb.doc),
    constant: callbackName(cb.name),
    name: cb.name,
    methods,
    ...pureWrap(methods.some((m) => countCalls(m.params) > 0)),
  };
}

function serviceView(service: ServiceInterface, ctx: SchemaContext) {
  return {
    doc: printDoc(service.doc),
    constant: serviceName(service.name),
    name: service.name,
    methods: service.methods.map((m) => ({
      doc: printDoc(m.doc),
      name: m.name,
      params: paramSchemas(m, ctx),
      result: printSchema(m.returns, ctx),
    })),
    // Each method is an `s.method(...)` call.
    ...pureWrap(service.methods.length > 0),
  };
}

function paramSchemas(method: Method, ctx: SchemaContext): string {
  return method.params
    .map((p) => {
      const schema = printSchema(p.type, ctx);
      return p.optional ? `s.optional(${schema})` : schema;
    })
    .join(', ');
}
