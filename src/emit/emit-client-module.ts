import { findCallback } from '../contract/find-type.js';
import type { Method, ServiceInterface } from '../contract/model.js';
import {
  contractModule,
  header,
  outputPath,
  relativeModule,
  type EmitContext,
} from './emit-context.js';
import { resultOf } from './emit-server-module.js';
import { ImportSet } from './import-set.js';
import { ClientCodecs } from './print-codec.js';
import { quote } from './quote.js';
import { GENERATOR_VERSION } from '../version.js';
import {
  bindFunctionName,
  callbackName,
  serviceName,
  clientFunctionName,
  webhookFunctionName,
} from '../names/names.js';
import type { ServiceFile } from './plan-schema-modules.js';
import { printType, type TypeContext } from './print-type.js';
import { renderTemplate } from './render-template.js';

/**
 * `<file>.client.ts`: per service, a function that builds a plain object
 * implementing the contract's own interface over a connection; per callback
 * interface its services take, a binding for `conn.resume` (`bindChatEvents`)
 * and a webhook receiver (`chatEventsWebhook`).
 */
export function emitClientModule(ctx: EmitContext, decl: ServiceFile): string {
  const out = outputPath(decl.file, 'client');
  const callbackNames = callbacksTaken(decl.services);
  const codecs = new ClientCodecs(ctx.contract);
  const codedCallbacks = new Set(
    callbackNames.filter((name) => isCodedCallback(ctx, codecs, name)),
  );
  const codedServices = new Set(
    decl.services.filter((service) => isCodedService(codecs, service)).map((s) => s.name),
  );
  const imports = new ImportSet([
    's',
    ...decl.services.map((s) => clientFunctionName(s.name)),
    ...callbackNames.map(bindFunctionName),
    ...callbackNames.map(webhookFunctionName),
    ...[...codedServices].map(codedServiceName),
    ...[...codedCallbacks].map(codedCallbackName),
    ...(codedServices.size + codedCallbacks.size > 0 ? codecs.names() : []),
  ]);
  const schemaOf = (file: string) => relativeModule(ctx, out, outputPath(file, 'schema'));
  const callbackConstant = (name: string) => {
    if (codedCallbacks.has(name)) return codedCallbackName(name);
    const declared = findCallback(ctx.contract, name);
    return imports.addValue(schemaOf(declared?.span.file ?? decl.file), callbackName(name));
  };
  const typeCtx: TypeContext = {
    contract: ctx.contract,
    imports,
    contractModule: (file) => contractModule(ctx, out, file),
  };
  // Added first, so it keeps its name (the template writes it as it is); a contract type `Connection` is renamed.
  imports.addType(`${ctx.runtime}/client`, 'Connection');
  const bindingType =
    callbackNames.length === 0 ? '' : imports.addType(`${ctx.runtime}/client`, 'CallbackBinding');
  const targetType =
    callbackNames.length === 0 ? '' : imports.addType(`${ctx.runtime}/client`, 'ResumeTarget');
  const webhooks = `${ctx.runtime}/webhooks`;
  const receiverType =
    callbackNames.length === 0 ? '' : imports.addType(webhooks, 'WebhookReceiver');
  const receiverOptions =
    callbackNames.length === 0 ? '' : imports.addType(webhooks, 'WebhookReceiverOptions');
  const createReceiver =
    callbackNames.length === 0 ? '' : imports.addValue(webhooks, 'createWebhookReceiver');
  const services = decl.services.map((service) => ({
    name: service.name,
    typeName: imports.addType(contractModule(ctx, out, service.span.file), service.name),
    constant: codedServices.has(service.name)
      ? codedServiceName(service.name)
      : imports.addValue(schemaOf(decl.file), serviceName(service.name)),
    clientFunction: clientFunctionName(service.name),
    methods: service.methods.map((m) => clientMethodView(m, typeCtx)),
  }));
  const callbacks = callbackNames.flatMap((name) => {
    const declared = findCallback(ctx.contract, name);
    if (declared === undefined) return [];
    return [
      {
        name,
        bindFunction: bindFunctionName(name),
        typeName: imports.addType(contractModule(ctx, out, declared.span.file), name),
        constant: callbackConstant(name),
        // The receiver runs on a server: it validates with the schema module's descriptor.
        schemaConstant: imports.addValue(schemaOf(declared.span.file), callbackName(name)),
        bindingType,
        targetType,
        webhookFunction: webhookFunctionName(name),
        receiverType,
        receiverOptions,
        createReceiver,
      },
    ];
  });
  const descriptors = [
    ...[...codedCallbacks].map((name) => printCodedCallbacks(ctx, codecs, name)),
    ...decl.services
      .filter((service) => codedServices.has(service.name))
      .map((service) => printCodedService(codecs, service, callbackConstant)),
  ];
  return renderTemplate('client', {
    header: header(ctx, out, [decl.file]),
    runtime: ctx.runtime,
    generatorVersion: GENERATOR_VERSION,
    imports: imports.lines(),
    coded: descriptors.length > 0,
    descriptors,
    codecs: codecs.functions(),
    services,
    callbacks,
  });
}

/** The local descriptor of a service whose calls this client encodes and decodes with generated code. */
function codedServiceName(name: string): string {
  return `${serviceName(name)}Client`;
}

function codedCallbackName(name: string): string {
  return `${callbackName(name)}Client`;
}

/** Whether every parameter and result of `service` has generated code (else the schema module's descriptor is used). */
function isCodedService(codecs: ClientCodecs, service: ServiceInterface): boolean {
  return service.methods.every(
    (m) =>
      codecs.covers(resultOf(m.returns)) &&
      m.params.every(
        (p) =>
          !p.rest &&
          (p.type.kind === 'callback' ||
            (codecs.covers(p.type) &&
              (!codecs.converts(p.type) || codecs.encodeStep(p.type) !== undefined))),
      ),
  );
}

function isCodedCallback(ctx: EmitContext, codecs: ClientCodecs, name: string): boolean {
  const declared = findCallback(ctx.contract, name);
  return (
    declared !== undefined &&
    declared.methods.every((m) => m.params.every((p) => !p.rest && codecs.covers(p.type)))
  );
}

function printCodedService(
  codecs: ClientCodecs,
  service: ServiceInterface,
  callbackConstant: (name: string) => string,
): string {
  const methods = service.methods.map((m) => {
    const params = m.params.map((p) => {
      if (p.type.kind === 'callback') {
        const node = `s.callback(${callbackConstant(p.type.name)})`;
        return p.optional ? `s.optional(${node})` : node;
      }
      const decode = p.optional ? codecs.optionalStep(p.type) : codecs.decodeStep(p.type);
      const encode = codecs.converts(p.type) ? codecs.encodeStep(p.type) : undefined;
      if (encode === undefined) return `s.coded(${decode})`;
      return p.optional
        ? `s.coded(${decode}, (v: unknown, st: s.DecodeState): unknown => s.encodeOptional(v, st, ${encode}))`
        : `s.coded(${decode}, ${encode})`;
    });
    const required = requiredOf(m.params);
    const result = `s.coded(${codecs.decodeStep(resultOf(m.returns))})`;
    return `  ${m.name}: s.codedMethod([${params.join(', ')}], ${result}, ${required}),`;
  });
  return [
    `/** ${service.name} as this client calls it: its values checked and converted by the functions below. */`,
    `const ${codedServiceName(service.name)} = /*@__PURE__*/ (() =>`,
    `  s.service(${quote(service.name)}, {`,
    ...methods,
    '  }))();',
  ].join('\n');
}

function printCodedCallbacks(ctx: EmitContext, codecs: ClientCodecs, name: string): string {
  const declared = findCallback(ctx.contract, name);
  const methods = (declared?.methods ?? []).map((m) => {
    const steps = m.params.map((p) =>
      p.optional ? codecs.optionalStep(p.type) : codecs.decodeStep(p.type),
    );
    const args = `s.decodeArgs(v, st, ${requiredOf(m.params)}, [${steps.join(', ')}])`;
    return `  ${m.name}: s.coded((v: unknown, st: s.DecodeState): unknown => ${args}),`;
  });
  return [
    `/** The ${name} events this client receives: their arguments checked and converted by the functions below. */`,
    `const ${codedCallbackName(name)} = /*@__PURE__*/ (() =>`,
    `  s.codedCallbacks(${quote(name)}, {`,
    ...methods,
    '  }))();',
  ].join('\n');
}

/** How many leading parameters are required. */
function requiredOf(params: readonly { readonly optional: boolean }[]): number {
  const first = params.findIndex((p) => p.optional);
  return first === -1 ? params.length : first;
}

/** The callback interfaces the services' methods take, in the order they first appear. */
function callbacksTaken(services: readonly ServiceInterface[]): string[] {
  const names = new Set<string>();
  for (const service of services)
    for (const method of service.methods)
      for (const param of method.params)
        if (param.type.kind === 'callback') names.add(param.type.name);
  return [...names];
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
