import { describe, expect, it } from 'vitest';
import type { Contract, TypeRef } from '../../../src/contract/model.js';
import { readContracts } from '../../../src/contract/read/read-contracts.js';
import { writeContracts } from './temp-contracts.js';

/** The type of each property of the named type `id`. */
function propertyTypes(contract: Contract, id: string): Record<string, TypeRef> {
  const found = contract.types.find((t) => t.id === id);
  if (found?.definition.kind !== 'object') throw new Error(`${id} is not an object type`);
  return Object.fromEntries(found.definition.properties.map((p) => [p.name, p.type]));
}

describe('resolving type names', () => {
  it("reads markers through a namespace import of 'contract-gen'", () => {
    const dir = writeContracts({
      'api.ts':
        "import type * as cg from 'contract-gen';\nexport interface Api extends cg.Service { ping(): Promise<void> }\n",
    });
    expect(readContracts({ contractsDir: dir }).contract.services.map((s) => s.name)).toEqual([
      'Api',
    ]);
  });

  it("reads markers re-exported from 'contract-gen' by another contract file (through the checker)", () => {
    const dir = writeContracts({
      'markers.ts': "export type { Service, Callback } from 'contract-gen';",
      'api.ts':
        "import type { Service } from './markers.js';\nexport interface Api extends Service { ping(): Promise<void> }\n",
    });
    const { contract, diagnostics } = readContracts({ contractsDir: dir });
    expect(diagnostics).toEqual([]);
    expect(contract.services.map((s) => s.name)).toEqual(['Api']);
  });

  it('follows default imports and re-exports (through the checker)', () => {
    const dir = writeContracts({
      'item.ts':
        'export default interface Item { id: string }\nexport interface Other { o: number }\n',
      'index.ts': "export * from './item.js';",
      'holder.ts':
        "import type Item from './item.js';\nimport type { Other } from './index.js';\nexport interface Holder { item: Item; other: Other }\n",
    });
    const { contract, diagnostics } = readContracts({ contractsDir: dir });
    expect(diagnostics).toEqual([]);
    expect(propertyTypes(contract, 'Holder')).toEqual({
      item: { kind: 'ref', id: 'Item' },
      other: { kind: 'ref', id: 'Other' },
    });
  });

  it('lets a local declaration shadow a library type of the same name', () => {
    const dir = writeContracts({
      'a.ts':
        'interface Date { day: number }\nexport interface Event { at: Date; list: Array<string> }\n',
    });
    expect(propertyTypes(readContracts({ contractsDir: dir }).contract, 'Event')).toEqual({
      at: { kind: 'ref', id: 'Date' },
      list: { kind: 'array', element: { kind: 'primitive', name: 'string' }, readonly: false },
    });
  });

  it('finds global declarations of a script file from other files', () => {
    const dir = writeContracts({
      'globals.ts': 'interface Shared { s: string }\n',
      'a.ts': 'export interface A { shared: Shared; when: Date }\n',
    });
    expect(propertyTypes(readContracts({ contractsDir: dir }).contract, 'A')).toEqual({
      shared: { kind: 'ref', id: 'Shared' },
      when: { kind: 'date' },
    });
  });

  it('merges the declarations of one interface in a file', () => {
    const dir = writeContracts({
      'a.ts':
        'export interface Box { a: string }\ninterface Box { b: number }\nexport interface Holder { box: Box }\n',
    });
    const { contract } = readContracts({ contractsDir: dir });
    expect(Object.keys(propertyTypes(contract, 'Box'))).toEqual(['a', 'b']);
  });

  it('reads a type parameter of a generic method as itself, not as a type of the same name', () => {
    const dir = writeContracts({
      'a.ts':
        "import type { Service } from 'contract-gen';\nexport interface T { t: string }\nexport interface Api extends Service { f<T>(x: T): Promise<T>; g(x: T): Promise<void> }\n",
    });
    const [f, g] = readContracts({ contractsDir: dir }).contract.services[0]!.methods;
    expect(f!.params[0]!.type).toMatchObject({ kind: 'unsupported', what: 'other', text: 'T' });
    expect(g!.params[0]!.type).toEqual({ kind: 'ref', id: 'T' });
  });

  it('reads an alias that renames a callback interface as that callback', () => {
    const dir = writeContracts({
      'a.ts': [
        "import type { Callback, Service } from 'contract-gen';",
        'export interface ChatEvents extends Callback { posted(text: string): void }',
        'export interface Presence { joined(name: string): void }',
        'export type Events = ChatEvents;',
        'type Seen = (Presence);',
        'export interface Chat extends Service { join(events: Events, presence: Seen): Promise<void> }',
      ].join('\n'),
    });
    const { contract } = readContracts({ contractsDir: dir });
    expect(contract.services[0]!.methods[0]!.params.map((p) => p.type)).toEqual([
      { kind: 'callback', name: 'ChatEvents' },
      { kind: 'callback', name: 'Presence' },
    ]);
    expect(contract.callbacks.map((c) => [c.name, c.origin])).toEqual([
      ['ChatEvents', 'marker'],
      ['Presence', 'used-as-callback-param'],
    ]);
    expect(contract.types).toEqual([]);
  });
});
