import type { NamedType, TypeRef } from '../model.js';
import type { DeclInfo } from './declaration-table.js';
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
  /**
   * A registered named type, reused or made; `depth` is its instantiation
   * depth in this read. An instantiation is reused only with the same type
   * arguments: its id is their text, and the same text can resolve
   * differently (`Page<Task>` after `Task` was renamed away is unresolved).
   */
  namedPart(
    info: DeclInfo,
    id: string,
    depth: number,
    make: () => NamedType,
    typeArguments?: readonly TypeRef[],
  ): NamedType;
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
  begin(
    s: ReadSession,
    tokens: ReadonlyMap<string, object> | undefined,
  ): ModelCacheRead | undefined;
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
  /** Parts read from a declaration, by what they were read as. */
  declarationParts: WeakMap<DeclInfo, Map<string, Part>>;
  /** Named types by registry id. */
  namedParts: Map<string, Part>;
  facts: WeakMap<DeclInfo, Map<string, { readonly token: object; readonly value: unknown }>>;
  /** Each interface's role in the last read (declarations are the same objects while their file is). */
  roles: WeakMap<DeclInfo, string>;
}

const emptyStore = (): Store => ({
  declarationParts: new WeakMap(),
  namedParts: new Map(),
  facts: new WeakMap(),
  roles: new WeakMap(),
});

export function createModelCache(): ModelCache {
  let store = emptyStore();
  let deepInstantiations = false;

  const clear = () => {
    store = emptyStore();
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
      // Facts may hold declarations (a service's callback parameters): with other ids, other objects.
      if (s.declarations.idsChanged) clear();
      return createRead(s, tokens, store);
    },
  };
}

function createRead(
  s: ReadSession,
  tokens: ReadonlyMap<string, object>,
  store: Store,
): ModelCacheRead {
  let recording: { list: Registration[]; seen: Set<string> } | undefined;
  let byId: Map<string, DeclInfo> | undefined;

  const record = (r: Registration) => {
    if (!recording || recording.seen.has(r.id)) return;
    recording.seen.add(r.id);
    recording.list.push(r);
  };

  const replay = (registrations: readonly Registration[]) => {
    byId ??= new Map(s.declarations.all.map((info) => [info.id, info]));
    for (const r of registrations) {
      const info = byId.get(r.declaration);
      if (!info) throw new ModelCacheMiss(`no declaration '${r.declaration}' to replay`);
      record(r);
      s.registry.replay(info, r.typeArguments, r.id);
    }
  };

  const part = <T>(
    parts: Map<string, Part>,
    key: string,
    info: DeclInfo,
    depth: number,
    make: () => T,
    fits?: (value: unknown) => boolean,
  ): T => {
    const token = tokens.get(info.file);
    const hit = parts.get(key);
    if (token && hit && hit.token === token && hit.depth === depth && (!fits || fits(hit.value))) {
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
    // Made again because a file it might depend on changed, but often the same: then hand back the
    // earlier object, so the caches after the reader (checks, emit), which key on identity, keep theirs.
    if (hit && sameData(hit.value, value)) value = hit.value as T;
    if (token)
      parts.set(key, { token, depth, value, registrations: made.list, other: s.others.has(info) });
    return value;
  };

  const partsOf = (info: DeclInfo) => {
    let parts = store.declarationParts.get(info);
    if (!parts) store.declarationParts.set(info, (parts = new Map<string, Part>()));
    return parts;
  };

  return {
    fact(info, key, make) {
      const token = tokens.get(info.file);
      let facts = store.facts.get(info);
      const hit = facts?.get(key);
      if (token && hit && hit.token === token) return hit.value as ReturnType<typeof make>;
      const value = make();
      if (token) {
        if (!facts)
          store.facts.set(
            info,
            (facts = new Map<string, { readonly token: object; readonly value: unknown }>()),
          );
        facts.set(key, { token, value });
      }
      return value;
    },
    classified(s) {
      let changed = false;
      for (const info of s.declarations.all) {
        const role = s.roles.get(info);
        if (role === undefined) continue;
        const before = store.roles.get(info);
        if (before !== undefined && before !== role) changed = true;
        store.roles.set(info, role);
      }
      if (changed) {
        store.declarationParts = new WeakMap();
        store.namedParts = new Map();
      }
    },
    part: (info, key, make) => part(partsOf(info), key, info, 0, make),
    namedPart: (info, id, depth, make, typeArguments) =>
      part(
        store.namedParts,
        id,
        info,
        depth,
        make,
        typeArguments && ((value) => sameData((value as NamedType).typeArguments, typeArguments)),
      ),
    onRef: (info, typeArguments, id) => record({ declaration: info.id, typeArguments, id }),
  };
}

/** Deep equality of plain model data (objects, arrays, primitives): the same keys, the same values. */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  for (const key of keysA) {
    if (!Object.hasOwn(b, key)) return false;
    if (!sameData((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
      return false;
  }
  return true;
}
