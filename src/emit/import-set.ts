/**
 * Collects what one generated file imports, so only names actually used are
 * imported (generated code must pass `noUnusedLocals`) and the import lines
 * come out in a stable order.
 *
 * Each imported name gets a local name that no other import and no name the
 * file declares (given as `reserved`) already has: a clash is renamed
 * `name$1`, `name$2`..., as protoplugin does, rather than refused. A contract
 * type called `Connection` in a client file thus arrives as
 * `type Connection as Connection$1`. Which of two clashing names keeps its
 * own is decided by the order they are added in, so a file adds its runtime
 * imports first, and the same model always gives the same names.
 */
export class ImportSet {
  /** Local names in use: reserved ones and those given out. */
  readonly #taken: Set<string>;
  /** module → imported name → local name, for type-only and value imports. */
  readonly #types = new Map<string, Map<string, string>>();
  readonly #values = new Map<string, Map<string, string>>();

  /** `reserved`: names the file declares itself (`s` for the runtime namespace, its exported constants). */
  constructor(reserved: Iterable<string> = []) {
    this.#taken = new Set(reserved);
  }

  /** A type-only import: `import type { name } from module`. Returns the local name to write. */
  addType(module: string, name: string): string {
    return this.#add(this.#types, module, name);
  }

  /** A value import: `import { name } from module`. Returns the local name to write. */
  addValue(module: string, name: string): string {
    return this.#add(this.#values, module, name);
  }

  /** Import lines, modules sorted (packages before relative paths), names sorted. */
  lines(): string[] {
    const modules = [...new Set([...this.#types.keys(), ...this.#values.keys()])].sort(
      compareModules,
    );
    const out: string[] = [];
    for (const module of modules) {
      const values = sorted(this.#values.get(module));
      const types = sorted(this.#types.get(module)).filter(
        ([name]) => !this.#values.get(module)?.has(name),
      );
      if (values.length > 0) {
        const names = [...values.map(specifier), ...types.map((t) => `type ${specifier(t)}`)];
        out.push(`import { ${names.join(', ')} } from '${module}';`);
      } else if (types.length > 0) {
        out.push(`import type { ${types.map(specifier).join(', ')} } from '${module}';`);
      }
    }
    return out;
  }

  #add(map: Map<string, Map<string, string>>, module: string, name: string): string {
    // One binding per module and name, whether imported as a type, a value or both.
    const known = this.#types.get(module)?.get(name) ?? this.#values.get(module)?.get(name);
    const local = known ?? this.#free(name);
    let names = map.get(module);
    if (!names) map.set(module, (names = new Map<string, string>()));
    names.set(name, local);
    return local;
  }

  #free(name: string): string {
    let local = name;
    for (let n = 1; this.#taken.has(local); n++) local = `${name}$${n}`;
    this.#taken.add(local);
    return local;
  }
}

function sorted(names: Map<string, string> | undefined): [string, string][] {
  return names ? [...names].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : [];
}

function specifier([name, local]: [string, string]): string {
  return name === local ? name : `${name} as ${local}`;
}

function compareModules(a: string, b: string): number {
  const ra = a.startsWith('.');
  const rb = b.startsWith('.');
  if (ra !== rb) return ra ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}
