import type { CallbackInterface, Method, NamedType, ServiceInterface } from '../contract/model.js';
import { GENERATOR_VERSION } from '../version.js';
import { contractModule, header, outputPath, relativeModule, type EmitContext } from './emit-context.js';
import { ImportSet } from './import-set.js';
import { callbackName, schemaName, serviceName } from '../names/names.js';
import { printDoc } from './print-doc.js';
import { printObjectSchema, printSchema, type SchemaContext } from './print-schema.js';
import { printType, type TypeContext } from './print-type.js';
import { quote } from './quote.js';
import { renderTemplate } from './render-template.js';

/** The declarations of one contract file, as the emitters group them. */
export interface FileDeclarations {
  readonly file: string;
  readonly types: readonly NamedType[];
  readonly callbacks: readonly CallbackInterface[];
  readonly services: readonly ServiceInterface[];
}

/**
 * `<file>.schema.ts`: a schema constant per named type, a descriptor per
 * callback interface and per service. Both sides of the wire import it.
 */
export function emitSchemaModule(ctx: EmitContext, decl: FileDeclarations): string {
  const out = outputPath(decl.file, 'schema');
  const imports = new ImportSet();
  const declared = new Set<string>();
  const schemaCtx: SchemaContext = {
    contract: ctx.contract,
    imports,
    file: decl.file,
    declared,
    schemaModule: (file) => relativeModule(ctx, out, outputPath(file, 'schema')),
  };
  const typeCtx: TypeContext = {
    contract: ctx.contract,
    imports,
    contractModule: (file) => contractModule(ctx, out, file),
  };
  const types = decl.types.map((type) => {
    const view = typeView(type, schemaCtx, typeCtx);
    declared.add(view.constant);
    return view;
  });
  const callbacks = decl.callbacks.map((cb) => ({
    doc: printDoc(cb.doc),
    constant: callbackName(cb.name),
    name: cb.name,
    methods: cb.methods.map((m) => ({ doc: printDoc(m.doc), name: m.name, params: paramSchemas(m, schemaCtx) })),
  }));
  const services = decl.services.map((service) => ({
    doc: printDoc(service.doc),
    constant: serviceName(service.name),
    name: service.name,
    methods: service.methods.map((m) => ({
      doc: printDoc(m.doc),
      name: m.name,
      params: paramSchemas(m, schemaCtx),
      result: printSchema(m.returns, schemaCtx),
    })),
  }));
  return renderTemplate('schema', {
    header: header(ctx, out, decl.file),
    runtime: ctx.runtime,
    generatorVersion: GENERATOR_VERSION,
    imports: imports.lines(),
    types,
    callbacks,
    services,
  });
}

function typeView(type: NamedType, schemaCtx: SchemaContext, typeCtx: TypeContext) {
  const def = type.definition;
  const schema =
    def.kind === 'object'
      ? printObjectSchema(def.properties, schemaCtx)
      : def.kind === 'enum'
        ? `s.enum([${def.members.map((m) => (typeof m.value === 'string' ? quote(m.value) : String(m.value))).join(', ')}])`
        : printSchema(def.type, schemaCtx);
  return {
    doc: printDoc(type.doc),
    constant: schemaName(type, schemaCtx.contract),
    tsType: printType({ kind: 'ref', id: type.id }, typeCtx),
    schema,
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
