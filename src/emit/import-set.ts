/**
 * Collects what one generated file imports, so only names actually used are
 * imported (generated code must pass `noUnusedLocals`) and the import lines
 * come out in a stable order.
 */
export class ImportSet {
  readonly #types = new Map<string, Set<string>>();
  readonly #values = new Map<string, Set<string>>();

  /** A type-only import: `import type { name } from module`. */
  addType(module: string, name: string): void {
    add(this.#types, module, name);
  }

  /** A value import: `import { name } from module`. */
  addValue(module: string, name: string): void {
    add(this.#values, module, name);
  }

  /** Import lines, modules sorted (packages before relative paths), names sorted. */
  lines(): string[] {
    const modules = [...new Set([...this.#types.keys(), ...this.#values.keys()])].sort(compareModules);
    const out: string[] = [];
    for (const module of modules) {
      const values = sorted(this.#values.get(module));
      const types = sorted(this.#types.get(module)).filter((t) => !values.includes(t));
      if (values.length > 0) {
        const names = [...values, ...types.map((t) => `type ${t}`)];
        out.push(`import { ${names.join(', ')} } from '${module}';`);
      } else if (types.length > 0) {
        out.push(`import type { ${types.join(', ')} } from '${module}';`);
      }
    }
    return out;
  }
}

function add(map: Map<string, Set<string>>, module: string, name: string): void {
  let names = map.get(module);
  if (!names) map.set(module, (names = new Set()));
  names.add(name);
}

function sorted(names: Set<string> | undefined): string[] {
  return names ? [...names].sort() : [];
}

function compareModules(a: string, b: string): number {
  const ra = a.startsWith('.');
  const rb = b.startsWith('.');
  if (ra !== rb) return ra ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}
