import { join } from 'node:path';
import type { Contract } from '../contract/model.js';
import { outputPath, type EmitContext } from './emit-context.js';
import { emitClientModule } from './emit-client-module.js';
import { emitSchemaModule, type FileDeclarations } from './emit-schema-module.js';
import { emitServerModule } from './emit-server-module.js';
import { formatSource } from './format-source.js';

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
  /**
   * Formatted outputs of an earlier run, by path and unformatted text: an
   * output whose render did not change is not formatted again (prettier is
   * the slow part of emitting; watch mode keeps one cache across runs).
   */
  readonly formatCache?: FormatCache;
}

/** Unformatted render → formatted text, per output path. */
export type FormatCache = Map<string, { readonly source: string; readonly formatted: string }>;

/**
 * Emits every output for a checked contract, formatted, sorted by path.
 * Pure but for reading templates and prettier config: nothing is written.
 */
export async function emitContract(options: EmitOptions): Promise<OutputFile[]> {
  const ctx: EmitContext = {
    contract: options.contract,
    contractsFromOut: options.contractsFromOut,
    runtime: options.runtime ?? 'contract-gen',
    importExtension: options.importExtension ?? '.js',
  };
  const target = options.target ?? 'both';
  const rendered: { path: string; source: string }[] = [];
  for (const decl of groupByFile(options.contract)) {
    if (decl.types.length + decl.callbacks.length + decl.services.length === 0) continue;
    rendered.push({ path: outputPath(decl.file, 'schema'), source: emitSchemaModule(ctx, decl) });
    if (decl.services.length === 0) continue;
    if (target !== 'client') rendered.push({ path: outputPath(decl.file, 'server'), source: emitServerModule(ctx, decl) });
    if (target !== 'server') rendered.push({ path: outputPath(decl.file, 'client'), source: emitClientModule(ctx, decl) });
  }
  const cache = options.formatCache;
  // One at a time: formatting is CPU-bound, and hundreds of formats in flight
  // at once only multiply memory (and garbage collection) for no speed.
  const files: OutputFile[] = [];
  for (const r of rendered) {
    const hit = cache?.get(r.path);
    if (hit && hit.source === r.source) {
      files.push({ path: r.path, contents: hit.formatted });
      continue;
    }
    const contents = await formatSource(r.source, join(options.outDir, r.path));
    cache?.set(r.path, { source: r.source, formatted: contents });
    files.push({ path: r.path, contents });
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function groupByFile(contract: Contract): FileDeclarations[] {
  return contract.files.map((file) => ({
    file,
    types: contract.types.filter((t) => t.span.file === file),
    callbacks: contract.callbacks.filter((c) => c.span.file === file),
    services: contract.services.filter((s) => s.span.file === file),
  }));
}
