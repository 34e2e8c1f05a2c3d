import type { ts } from './typescript.js';
import type { Doc, NamedType, NamedTypeDefinition, Span, TypeRef } from '../model.js';
import type { DeclInfo } from './declaration-table.js';
import type { TypeEnv } from './type-env.js';
import { ModelCacheMiss } from './model-cache.js';
import { typeRefText } from './type-ref-text.js';
import { unsupported } from './unsupported.js';

/** How a named type's definition is walked: its declaration's syntax, or the checker's instantiated type. */
export type DefinitionSource =
  | { readonly kind: 'syntax'; readonly env: TypeEnv }
  | { readonly kind: 'type'; readonly type: ts.Type }
  /** Registered by replaying a cached part: only a cached definition can be used (see model-cache.ts). */
  | { readonly kind: 'replayed' };

/** A named type registered and waiting for (or done with) its definition walk. */
export interface RegistryEntry {
  readonly id: string;
  readonly info: DeclInfo;
  readonly typeArguments: readonly TypeRef[] | undefined;
  readonly source: DefinitionSource;
  /** How many instantiations deep this one was reached (`Nest<T>` → `Nest<T[]>` → ...). */
  readonly depth: number;
}

/** What the registry needs from the walkers; passed in so this module stays free of them. */
export interface RegistryHooks {
  /** Whether an instantiation can be walked from syntax with its type parameters substituted. */
  isSyntaxSimple(info: DeclInfo): boolean;
  define(entry: RegistryEntry): NamedTypeDefinition;
  describe(info: DeclInfo): { readonly doc: Doc | undefined; readonly span: Span };
  /** Told of every ref handed out (incremental reads record them per model part). */
  onRef?(info: DeclInfo, typeArguments: readonly TypeRef[] | undefined, id: string): void;
  /** Wraps the making of each named type (incremental reads reuse earlier ones). */
  named?(entry: RegistryEntry, make: () => NamedType): NamedType;
}

/** Named types by id: registered before they are walked, so recursion ends at a `ref`. */
export interface NamedTypeRegistry {
  /**
   * A ref to `info` (instantiated with `typeArguments` when generic). The first
   * use registers it and queues its definition. `typeOf` gives the checker's
   * type of the instantiation, needed when syntax cannot substitute. `site`
   * is only asked for when the answer is an unsupported type.
   */
  refTo(
    info: DeclInfo,
    site: () => Span,
    typeArguments?: readonly TypeRef[],
    typeOf?: () => ts.Type | undefined,
  ): TypeRef;
  /**
   * Registers what an earlier read's `refTo` did, without a site or the
   * checker: a generic that needs the checker gets a `replayed` source, which
   * only a cached definition can satisfy. Throws {@link ModelCacheMiss} past the depth limit.
   */
  replay(info: DeclInfo, typeArguments: readonly TypeRef[] | undefined, id: string): void;
  /** Walks queued definitions, iteratively (never one stack frame per named type), until none is left. */
  drain(): void;
  /** The deepest instantiation registered so far (0 when none). */
  deepest(): number;
  /** Every named type, sorted by file, position, then id (instantiations after plain types). */
  namedTypes(): NamedType[];
}

/** Beyond this, a generic keeps producing new instantiations of itself (`type Nest<T> = { n: Nest<T[]> }`). */
const maxInstantiationDepth = 24;

export function createNamedTypeRegistry(hooks: RegistryHooks): NamedTypeRegistry {
  const entries = new Map<string, RegistryEntry>();
  const queue: RegistryEntry[] = [];
  let next = 0;
  const done: { entry: RegistryEntry; type: NamedType }[] = [];
  let current: RegistryEntry | undefined;

  let deepest = 0;
  const register = (entry: RegistryEntry) => {
    entries.set(entry.id, entry);
    queue.push(entry);
    deepest = Math.max(deepest, entry.depth);
  };

  const refTo: NamedTypeRegistry['refTo'] = (info, site, typeArguments, typeOf) => {
    const id = idOf(info, typeArguments);
    if (entries.has(id)) {
      hooks.onRef?.(info, typeArguments, id);
      return { kind: 'ref', id };
    }
    const depth = typeArguments ? (current?.typeArguments ? current.depth + 1 : 1) : 0;
    if (depth > maxInstantiationDepth) {
      return unsupported('other', `${id.slice(0, 200)} (instantiation nests without end)`, site());
    }
    let source: DefinitionSource = { kind: 'syntax', env: bindEnv(info, typeArguments) };
    if (typeArguments && !hooks.isSyntaxSimple(info)) {
      const type = typeOf?.();
      if (!type) {
        return unsupported(
          'other',
          `${id} (a generic whose instantiation needs the checker, reached through a type parameter)`,
          site(),
        );
      }
      source = { kind: 'type', type };
    }
    register({ id, info, typeArguments, source, depth });
    hooks.onRef?.(info, typeArguments, id);
    return { kind: 'ref', id };
  };

  const replay: NamedTypeRegistry['replay'] = (info, typeArguments, id) => {
    if (entries.has(id)) return;
    const depth = typeArguments ? (current?.typeArguments ? current.depth + 1 : 1) : 0;
    if (depth > maxInstantiationDepth) throw new ModelCacheMiss(`${id} nests too deep to replay`);
    const source: DefinitionSource =
      typeArguments && !hooks.isSyntaxSimple(info)
        ? { kind: 'replayed' }
        : { kind: 'syntax', env: bindEnv(info, typeArguments) };
    register({ id, info, typeArguments, source, depth });
  };

  const drain = (): void => {
    while (next < queue.length) {
      const entry = (current = queue[next++]!);
      const make = () => build(entry, hooks.define(entry), hooks);
      done.push({ entry, type: hooks.named ? hooks.named(entry, make) : make() });
    }
    current = undefined;
  };

  const namedTypes = (): NamedType[] =>
    done.sort((a, b) => compareEntries(a.entry, b.entry)).map((d) => d.type);
  return { refTo, replay, drain, namedTypes, deepest: () => deepest };
}

function idOf(info: DeclInfo, typeArguments: readonly TypeRef[] | undefined): string {
  return typeArguments ? `${info.id}<${typeArguments.map(typeRefText).join(', ')}>` : info.id;
}

const noBindings: TypeEnv = new Map();

function bindEnv(info: DeclInfo, typeArguments: readonly TypeRef[] | undefined): TypeEnv {
  if (!typeArguments || info.typeParameters.length === 0) return noBindings;
  const env = new Map<string, TypeRef>();
  info.typeParameters.forEach((param, i) => {
    const arg = typeArguments?.[i];
    if (arg) env.set(param.name.text, arg);
  });
  return env;
}

function build(
  entry: RegistryEntry,
  definition: NamedTypeDefinition,
  hooks: RegistryHooks,
): NamedType {
  const { doc, span } = hooks.describe(entry.info);
  return {
    id: entry.id,
    name: entry.info.name,
    ...(entry.typeArguments ? { typeArguments: entry.typeArguments } : {}),
    exported: entry.info.exported,
    ...(doc ? { doc } : {}),
    span,
    definition,
  };
}

function compareEntries(a: RegistryEntry, b: RegistryEntry): number {
  if (a.info.file !== b.info.file) return a.info.file < b.info.file ? -1 : 1;
  const byPosition =
    a.info.pos - b.info.pos || Number(!!a.typeArguments) - Number(!!b.typeArguments);
  if (byPosition !== 0) return byPosition;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
