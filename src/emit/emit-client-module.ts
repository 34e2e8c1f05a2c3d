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
import {
  bindFunctionName,
  callbackName,
  clientFunctionName,
  serviceName,
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
  const imports = new ImportSet([
    ...decl.services.map((s) => clientFunctionName(s.name)),
    ...callbackNames.map(bindFunctionName),
    ...callbackNames.map(webhookFunctionName),
  ]);
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
    constant: imports.addValue(
      relativeModule(ctx, out, outputPath(decl.file, 'schema')),
      serviceName(service.name),
    ),
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
        constant: imports.addValue(
          relativeModule(ctx, out, outputPath(declared.span.file, 'schema')),
          callbackName(name),
        ),
        bindingType,
        targetType,
        webhookFunction: webhookFunctionName(name),
        receiverType,
        receiverOptions,
        createReceiver,
      },
    ];
  });
  return renderTemplate('client', {
    header: header(ctx, out, [decl.file]),
    imports: imports.lines(),
    services,
    callbacks,
  });
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
