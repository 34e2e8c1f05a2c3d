import type { NamedType, TypeRef } from '../model.js';
import { declarationKey, type DeclInfo } from './declaration-table.js';
import type { ReadSession } from './read-session.js';

/**
 * What one read asks of the model cache: parts of the model made in an
 * earlier read, reused when nothing they could depend on changed. A part is
 * a service or callback interface, or a named type; it depends on the files
 * its declaring file imports, directly or not (the closure token), and on
 * facts only the whole folder decides (declaration ids, interface roles),
 * which are compared at the start of each read. Reusing a part also replays
 * what making it did to the read (the named types it registered, the
 * method-bearing interface it made an `other`), so the incremental model
 * comes out exactly as a fresh read of the folder would.
 */
export interface ModelCacheRead {
  /**
   * A fact about one declaration that depends only on its file's closure
   * (its marked role, whether it has methods, what a service's parameters
   * name): reused or made. Usable before the interfaces are classified.
   */
  fact<T>(info: DeclInfo, key: string, make: () => T): T;
  /**
   * Compares the folder-wide facts (declaration ids, interface roles) with
   * the last read's and forgets every part when one differs. Call once the
   * interfaces are classified, before asking for parts.
   */
  classified(s: ReadSession): void;
  /**
   * Something read from a declaration that may also depend on folder-wide
   * facts (an interface's model, `key` saying what it was read as): reused or made.
   */
  part<T>(info: DeclInfo, key: string, make: () => T): T;
  /** A registered named type, reused or made; `depth` is its instantiation depth in this read. */
  namedPart(info: DeclInfo, id: string, depth: number, make: () => NamedType): NamedType;
  /** Told of every ref the registry hands out (`id` is the registry's), so a part can replay its registrations. */
  onRef(info: DeclInfo, typeArguments: readonly TypeRef[] | undefined, id: string): void;
}

/** Thrown when a reused part cannot be replayed exactly (its registration now needs the checker); the reader reads afresh. */
export class ModelCacheMiss extends Error {}

/** The named types a part registered, in order (by declaration id; the declaration is looked up again). */
interface Registration {
  readonly declaration: string;
  readonly typeArguments: readonly TypeRef[] | undefined;
  /** The registry's id of the named type. */
  readonly id: string;
}

interface Part {
  readonly token: object;
  readonly depth: number;
  readonly value: unknown;
  readonly registrations: readonly Registration[];
  /** The declaration became one of the model's `others` when this part was made. */
  readonly other: boolean;
}

export interface ModelCache {
  /**
   * Starts a read of `s`: `tokens` from the closure tracker (undefined: the
   * folder cannot be split; nothing is reused or kept). Undefined when
   * nothing can be reused this time.
   */
  begin(s: ReadSession, tokens: ReadonlyMap<string, object> | undefined): ModelCacheRead | undefined;
  /** Ends a read: `deepest` is the deepest instantiation registered. */
  end(deepest: number): void;
  /** Forgets everything (after a read that failed or could not be split). */
  clear(): void;
}

/**
 * Instantiation depth decides (at 24) whether a nested generic is still
 * followed, and depends on the order types are met in; below this, no order
 * can reach the limit in the folders we split, so reuse is exact.
 */
const safeDepth = 12;

interface Store {
  parts: Map<string, Part>;
  facts: Map<string, { readonly token: object; readonly value: unknown }>;
  folder: Map<string, string>;
}

export function createModelCache(): ModelCache {
  const store: Store = { parts: new Map(), facts: new Map(), folder: new Map() };
  let deepInstantiations = false;

  const clear = () => {
    store.parts = new Map();
    store.facts = new Map();
    store.folder = new Map();
  };

  return {
    clear,
    end(deepest) {
      deepInstantiations = deepest >= safeDepth;
      if (deepInstantiations) clear();
    },
    begin(s, tokens) {
      if (!tokens || s.hasGlobalDeclarations || deepInstantiations) {
        clear();
        return undefined;
      }
      return createRead(s, tokens, store);
    },
  };
}

function createRead(s: ReadSession, tokens: ReadonlyMap<string, object>, store: Store): ModelCacheRead {
  let recording: { list: Registration[]; seen: Set<string> } | undefined;
  const byId = new Map(s.declarations.all.map((info) => [info.id, info]));

  const record = (r: Registration) => {
    if (!recording || recording.seen.has(r.id)) return;
    recording.seen.add(r.id);
    recording.list.push(r);
  };

  const replay = (registrations: readonly Registration[]) => {
    for (const r of registrations) {
      const info = byId.get(r.declaration);
      if (!info) throw new ModelCacheMiss(`no declaration '${r.declaration}' to replay`);
      record(r);
      s.registry.replay(info, r.typeArguments, r.id);
    }
  };

  const part = <T>(key: string, info: DeclInfo, depth: number, make: () => T): T => {
    const token = tokens.get(info.file);
    const hit = store.parts.get(key);
    if (token && hit && hit.token === token && hit.depth === depth) {
      replay(hit.registrations);
      if (hit.other) s.others.add(info);
      return hit.value as T;
    }
    const outer = recording;
    recording = { list: [], seen: new Set() };
    const made = recording;
    let value: T;
    try {
      value = make();
    } finally {
      recording = outer;
      for (const r of made.list) record(r);
    }
    if (token) store.parts.set(key, { token, depth, value, registrations: made.list, other: s.others.has(info) });
    return value;
  };

  return {
    fact(info, key, make) {
      const token = tokens.get(info.file);
      const name = `${key}\0${declarationKey(info)}`;
      const hit = store.facts.get(name);
      if (token && hit && hit.token === token) return hit.value as ReturnType<typeof make>;
      const value = make();
      if (token) store.facts.set(name, { token, value });
      return value;
    },
    classified(s) {
      const now = folderFacts(s);
      if (!sameFacts(store.folder, now)) store.parts = new Map();
      store.folder = now;
    },
    part: (info, key, make) => part(`i\0${key}\0${info.id}`, info, 0, make),
    namedPart: (info, id, depth, make) => part(`t\0${id}`, info, depth, make),
    onRef: (info, typeArguments, id) => record({ declaration: info.id, typeArguments, id }),
  };
}

/** Per declaration (file, name, kind): its id and role. Ids and roles are the folder-wide facts a part may depend on. */
function folderFacts(s: ReadSession): Map<string, string> {
  const out = new Map<string, string>();
  for (const info of s.declarations.all) {
    out.set(declarationKey(info), `${info.id}\0${s.roles.get(info) ?? ''}`);
  }
  return out;
}

/** Declarations only one side has belong to a changed file (whose parts are made again anyway). */
function sameFacts(before: ReadonlyMap<string, string>, now: ReadonlyMap<string, string>): boolean {
  if (before.size === 0) return true;
  for (const [key, value] of now) {
    const old = before.get(key);
    if (old !== undefined && old !== value) return false;
  }
  return true;
}
