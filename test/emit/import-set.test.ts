import { describe, expect, it } from 'vitest';
import { ImportSet } from '../../src/emit/import-set.js';

describe('ImportSet', () => {
  it('prints one line per module, packages first, names sorted, type-only names marked', () => {
    const imports = new ImportSet();
    imports.addType('../contracts/chat.js', 'Member');
    imports.addValue('./common.schema.js', 'StampSchema');
    imports.addType('@contract-gen/runtime/server', 'CallContext');
    imports.addValue('@contract-gen/runtime/server', 'defineService');
    imports.addType('../contracts/chat.js', 'ChatMessage');
    expect(imports.lines()).toEqual([
      "import { defineService, type CallContext } from '@contract-gen/runtime/server';",
      "import type { ChatMessage, Member } from '../contracts/chat.js';",
      "import { StampSchema } from './common.schema.js';",
    ]);
  });

  it('renames an import that clashes with a reserved name or an earlier import, and says which name to write', () => {
    const imports = new ImportSet(['s', 'ChatService']);
    expect(imports.addType('@contract-gen/runtime/client', 'Connection')).toBe('Connection');
    expect(imports.addType('../contracts/db.js', 'Connection')).toBe('Connection$1');
    expect(imports.addType('../contracts/db.js', 's')).toBe('s$1');
    expect(imports.addValue('./other.schema.js', 'ChatService')).toBe('ChatService$1');
    expect(imports.lines()).toEqual([
      "import type { Connection } from '@contract-gen/runtime/client';",
      "import type { Connection as Connection$1, s as s$1 } from '../contracts/db.js';",
      "import { ChatService as ChatService$1 } from './other.schema.js';",
    ]);
  });

  it('gives the same name again for the same import, as a type or a value, and skips names already given', () => {
    const imports = new ImportSet(['Item', 'Item$1']);
    expect(imports.addType('./a.js', 'Item')).toBe('Item$2');
    expect(imports.addValue('./a.js', 'Item')).toBe('Item$2');
    expect(imports.addType('./a.js', 'Item')).toBe('Item$2');
    expect(imports.lines()).toEqual(["import { Item as Item$2 } from './a.js';"]);
  });
});
