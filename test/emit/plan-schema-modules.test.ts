import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Contract } from '../../src/contract/model.js';
import { readContracts } from '../../src/contract/read/read-contracts.js';
import {
  planSchemaModules,
  type FileDeclarations,
  type SchemaModule,
} from '../../src/emit/plan-schema-modules.js';
import { repoRoot } from '../support/cli.js';

function plan(contracts: string) {
  const { contract } = readContracts({ contractsDir: join(repoRoot, contracts) });
  return planSchemaModules(contract, byFile(contract));
}

/** What emit-contract.ts hands the planner: each file's declarations, instantiations left out. */
function byFile(contract: Contract): FileDeclarations[] {
  return contract.files.map((file) => ({
    file,
    types: contract.types.filter((t) => t.span.file === file && !t.typeArguments?.length),
    callbacks: contract.callbacks.filter((c) => c.span.file === file),
    services: contract.services.filter((s) => s.span.file === file),
  }));
}

/** A module as ids: what it declares, in order. */
function layout(module: SchemaModule) {
  return {
    path: module.path,
    types: module.types.map((t) => t.id),
    callbacks: module.callbacks.map((c) => c.name),
    services: module.services.map((s) => s.name),
    ...(module.reexport ? { reexport: module.reexport } : {}),
  };
}

describe('planSchemaModules', () => {
  it('declares each instantiation in the modules that use it, not beside its generic', () => {
    const { modules, homeOf } = plan('contracts');
    // The showcase files with generics; the folder's other files (examples' contracts) have none.
    const showcase = ['board.schema.ts', 'chat.schema.ts', 'common.schema.ts'];
    expect(modules.filter((m) => showcase.includes(m.path)).map(layout)).toEqual([
      {
        path: 'board.schema.ts',
        types: [
          'Priority',
          'Stage',
          'Estimate',
          'Attachment',
          'Task',
          'TaskPatch',
          'BoardChange',
          'Page<Task>',
        ],
        callbacks: ['BoardEvents'],
        services: ['Board'],
      },
      {
        path: 'chat.schema.ts',
        types: ['Presence', 'ChatMessage', 'Member', 'RoomInfo', 'Page<ChatMessage>'],
        callbacks: ['ChatEvents'],
        services: ['Chat'],
      },
      { path: 'common.schema.ts', types: ['Stamp'], callbacks: [], services: [] },
    ]);
    expect(homeOf('common.ts')).toBe('common.schema.ts');
  });

  it('puts the types and callbacks of files that refer to each other in one shared module, which their own modules re-export', () => {
    const { modules, homeOf } = plan('test/fixtures/good/generics-across-files/contracts');
    expect(modules.map(layout)).toEqual([
      { path: 'a.schema.ts', types: ['Stamp'], callbacks: [], services: [] },
      {
        path: 'b.schema.ts',
        types: ['Page<Deck>', 'Page<Card>', 'Pair<Deck, Card>'],
        callbacks: [],
        services: ['Decks'],
        reexport: { from: 'b.shared.schema.ts', names: ['DeckSchema'] },
      },
      // Deck and Card reach each other: they keep their order, and only Deck's use of Card is lazy.
      {
        path: 'b.shared.schema.ts',
        types: ['Deck', 'Card', 'Page<Stamp>', 'Page<Page<Stamp>>', 'History'],
        callbacks: [],
        services: [],
      },
      {
        path: 'c.schema.ts',
        types: ['Page<Card>', 'Page<Deck>'],
        callbacks: [],
        services: ['Cards'],
        reexport: { from: 'b.shared.schema.ts', names: ['CardSchema', 'HistorySchema'] },
      },
    ]);
    expect([homeOf('a.ts'), homeOf('b.ts'), homeOf('c.ts')]).toEqual([
      'a.schema.ts',
      'b.shared.schema.ts',
      'b.shared.schema.ts',
    ]);
  });
});
