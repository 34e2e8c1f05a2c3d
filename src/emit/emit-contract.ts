import { join } from 'node:path';
import { findCallback, findType, observeLookups } from '../contract/find-type.js';
import type {
  CallbackInterface,
  Contract,
  NamedType,
  ServiceInterface,
} from '../contract/model.js';
import { outputPath, type ContractTypes, type EmitContext } from './emit-context.js';
import { emitClientModule } from './emit-client-module.js';
import { emitSchemaModule } from './emit-schema-module.js';
import { emitServerModule } from './emit-server-module.js';
import { emitTypesModule } from './emit-types-module.js';
import { formatSource } from './format-source.js';
import {
  isInstantiation,
  planSchemaModules,
  type FileDeclarations,
  type SchemaModule,
  type SchemaPlan,
  type ServiceFile,
} from './plan-schema-modules.js';

/** One generated file: a path relative to the output folder (with `/`) and its formatted text. */
export interface OutputFile {
  readonly path: string;
  readonly contents: string;
}

/** Which halves to emit: both by default. Schemas are always emitted; both sides need them. */
export type EmitTarget = 'server' | 'client' | 'both';

export interface EmitOptions {
  readonly contract: Contract;
  /** Absolute output folder: prettier's config is resolved from here. */
  readonly outDir: string;
  readonly contractsFromOut: string;
  readonly runtime?: string;
  readonly target?: EmitTarget;
  /** Default `.js`. */
  readonly importExtension?: string;
  /** Default `import`; with `copy`, {@link EmitOptions.readSource} is needed. */
  readonly contractTypes?: ContractTypes;
  /** The text of a contract file (relative to the contracts folder), for `contractTypes: 'copy'`. */
  readonly readSource?: (file: string) => string | undefined;
  /**
   * Formatted outputs of an earlier run, by path and unformatted text: an
   * output whose render did not change is not formatted again (prettier is
   * the slow part of emitting; watch mode keeps one cache across runs).
   */
  readonly formatCache?: FormatCache;
  /**
   * The outputs of each schema module in an earlier run, with what they were
   * made from: a module whose declarations are the same objects as then, and
   * whose lookups into other files find the same objects and modules, is not
   * rendered again (watch mode; the incremental reader keeps unchanged parts
   * of the model as the same objects). Must be used with the same options each time.
   */
  readonly emitCache?: EmitCache;
}

/** Unformatted render → formatted text, per output path. */
export type FormatCache = Map<string, { readonly source: string; readonly formatted: string }>;

/** Per schema module (by path): its outputs (the module, and the server and client of its file) and what they were made from. */
export type EmitCache = Map<string, EmittedModule>;

interface EmittedModule {
  readonly module: SchemaModule;
  /** Named types (by id) and callbacks (by name) of the model the render looked up, as found then. */
  readonly types: ReadonlyMap<string, unknown>;
  readonly callbacks: ReadonlyMap<string, unknown>;
  /** The module each contract file's schemas were imported from, as the plan said then. */
  readonly homes: ReadonlyMap<string, string>;
  readonly outputs: readonly OutputFile[];
}

/**
 * Emits every output for a checked contract, formatted, sorted by path.
 * Pure but for reading templates and prettier config: nothing is written.
 */
export async function emitContract(options: EmitOptions): Promise<OutputFile[]> {
  const ctx: EmitContext = {
    contract: options.contract,
    contractsFromOut: options.contractsFromOut,
    runtime: options.runtime ?? '@contract-gen/runtime',
    importExtension: options.importExtension ?? '.js',
    contractTypes: options.contractTypes ?? 'import',
  };
  const target = options.target ?? 'both';
  const emitCache = options.emitCache;
  const plan = planSchemaModules(options.contract, groupByFile(options.contract));
  const files: OutputFile[] = [];
  const next: EmitCache = new Map();
  for (const module of plan.modules) {
    const before = emitCache?.get(module.path);
    if (before && isUnchanged(before, module, options.contract, plan)) {
      next.set(module.path, before);
      files.push(...before.outputs);
      continue;
    }
    const { rendered, ...seen } = renderObserved(ctx, module, plan, target);
    // One at a time: formatting is CPU-bound, and hundreds of formats in flight
    // at once only multiply memory (and garbage collection) for no speed.
    const outputs: OutputFile[] = [];
    for (const r of rendered) outputs.push(await format(r, options));
    next.set(module.path, { module, ...seen, outputs });
    files.push(...outputs);
  }
  if (ctx.contractTypes === 'copy') files.push(...(await emitTypesModules(ctx, options)));
  if (emitCache) {
    emitCache.clear();
    for (const [path, emitted] of next) emitCache.set(path, emitted);
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Renders a module, noting what it looked up in the model and in the plan (for {@link isUnchanged}). */
function renderObserved(
  ctx: EmitContext,
  module: SchemaModule,
  plan: SchemaPlan,
  target: EmitTarget,
) {
  const types = new Map<string, unknown>();
  const callbacks = new Map<string, unknown>();
  const homes = new Map<string, string>();
  const observed: EmitContext = {
    ...ctx,
    contract: observeLookups(ctx.contract, {
      type: (id, found) => types.set(id, found),
      callback: (name, found) => callbacks.set(name, found),
    }),
  };
  const homeOf = (file: string) => {
    const home = plan.homeOf(file);
    homes.set(file, home);
    return home;
  };
  return { rendered: renderModule(observed, module, homeOf, target), types, callbacks, homes };
}

/** A schema module and, for a contract file's own module, that file's server and client modules. */
function renderModule(
  ctx: EmitContext,
  module: SchemaModule,
  homeOf: (file: string) => string,
  target: EmitTarget,
): { path: string; source: string }[] {
  const rendered = [{ path: module.path, source: emitSchemaModule(ctx, module, homeOf) }];
  if (module.services.length === 0) return rendered;
  // Only a contract file's own module declares services (a shared module holds types and callbacks).
  const decl: ServiceFile = { file: module.sources[0] as string, services: module.services };
  if (target !== 'client')
    rendered.push({ path: outputPath(decl.file, 'server'), source: emitServerModule(ctx, decl) });
  if (target !== 'server')
    rendered.push({ path: outputPath(decl.file, 'client'), source: emitClientModule(ctx, decl) });
  return rendered;
}

/** `<file>.types.ts` for every contract file: few and cheap, so never cached but by the format cache. */
async function emitTypesModules(ctx: EmitContext, options: EmitOptions): Promise<OutputFile[]> {
  const files = new Set(ctx.contract.files);
  const outputs: OutputFile[] = [];
  for (const file of ctx.contract.files) {
    const text = options.readSource?.(file);
    if (text === undefined) throw new Error(`contractTypes 'copy' cannot read ${file}`);
    const source = emitTypesModule(ctx, file, text, files);
    outputs.push(await format({ path: outputPath(file, 'types'), source }, options));
  }
  return outputs;
}

async function format(
  r: { path: string; source: string },
  options: EmitOptions,
): Promise<OutputFile> {
  const cache = options.formatCache;
  const hit = cache?.get(r.path);
  if (hit && hit.source === r.source) return { path: r.path, contents: hit.formatted };
  const contents = await formatSource(r.source, join(options.outDir, r.path));
  cache?.set(r.path, { source: r.source, formatted: contents });
  return { path: r.path, contents };
}

/** Same declarations (as objects, in order) and layout, and every lookup finds what it found then. */
function isUnchanged(
  before: EmittedModule,
  module: SchemaModule,
  contract: Contract,
  plan: SchemaPlan,
): boolean {
  const same = <T>(a: readonly T[], b: readonly T[]) =>
    a.length === b.length && a.every((x, i) => x === b[i]);
  const was = before.module;
  if (
    !same(was.types, module.types) ||
    !same(was.callbacks, module.callbacks) ||
    !same(was.services, module.services)
  )
    return false;
  if (
    !same(was.sources, module.sources) ||
    was.reexport?.from !== module.reexport?.from ||
    !same(was.reexport?.names ?? [], module.reexport?.names ?? [])
  ) {
    return false;
  }
  for (const [id, found] of before.types) if (findType(contract, id) !== found) return false;
  for (const [name, found] of before.callbacks)
    if (findCallback(contract, name) !== found) return false;
  for (const [file, home] of before.homes) if (plan.homeOf(file) !== home) return false;
  return true;
}

/** The declarations of each file, in model order: one pass over the model. Instantiations go where they are used instead. */
function groupByFile(contract: Contract): FileDeclarations[] {
  const byFile = new Map<
    string,
    {
      file: string;
      types: NamedType[];
      callbacks: CallbackInterface[];
      services: ServiceInterface[];
    }
  >();
  for (const file of contract.files)
    byFile.set(file, { file, types: [], callbacks: [], services: [] });
  for (const t of contract.types) if (!isInstantiation(t)) byFile.get(t.span.file)?.types.push(t);
  for (const c of contract.callbacks) byFile.get(c.span.file)?.callbacks.push(c);
  for (const s of contract.services) byFile.get(s.span.file)?.services.push(s);
  return [...byFile.values()];
}
