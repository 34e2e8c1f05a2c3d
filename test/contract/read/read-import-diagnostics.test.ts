import { describe, expect, it } from 'vitest';
import { codes } from '../../../src/contract/codes.js';
import { readContracts } from '../../../src/contract/read/read-contracts.js';
import { writeContracts } from './temp-contracts.js';

function importDiagnostics(
  files: Record<string, string>,
): [string, string, number, number, string][] {
  const { diagnostics } = readContracts({ contractsDir: writeContracts(files) });
  return diagnostics.map((d) => [
    d.code,
    d.span?.file ?? '',
    d.span?.line ?? 0,
    d.span?.column ?? 0,
    d.message,
  ]);
}

describe('imports in contracts (CG002)', () => {
  it('reports an import that leaves the contracts folder, at its specifier', () => {
    expect(
      importDiagnostics({
        'a.ts': "import type { X } from '../x.js';\nexport interface A { x: X }\n",
      }),
    ).toEqual([
      [codes.importOutsideContracts, 'a.ts', 1, 24, "Import '../x.js' leaves the contracts folder"],
    ]);
  });

  it('reports a package other than contract-gen, and a re-export from one', () => {
    const found = importDiagnostics({
      'a.ts':
        "import type { z } from 'zod';\nexport * from 'node:fs';\nexport interface A { n: number }\n",
    });
    expect(found.map(([code, , line, , message]) => [code, line, message])).toEqual([
      [codes.importOutsideContracts, 1, "Contracts cannot import the package 'zod'"],
      [codes.importOutsideContracts, 2, "Contracts cannot import the package 'node:fs'"],
    ]);
  });

  it('reports an import of a file that is not in the folder', () => {
    expect(
      importDiagnostics({
        'a.ts': "import type { B } from './b.js';\nexport interface A { b: B }\n",
      }),
    ).toEqual([
      [
        codes.importOutsideContracts,
        'a.ts',
        1,
        24,
        "Cannot find contract file './b.js' in the contracts folder",
      ],
    ]);
  });

  it("accepts other contract files in every spelling, and 'contract-gen'", () => {
    const files = {
      'types/b.ts': 'export interface B { b: string }',
      'types/index.ts': "export type { B } from './b.js';",
      'a.ts': [
        "import type { Service } from 'contract-gen';",
        "import type { B } from './types/b.js';",
        "import type { B as B2 } from './types/b';",
        "import type { B as B3 } from './types/b.ts';",
        "import type { B as B4 } from './types';",
        "import type { B as B5 } from './types/index.js';",
        'export interface A extends Service { f(b: B, b2: B2, b3: B3, b4: B4, b5: B5): Promise<void> }',
      ].join('\n'),
    };
    const { contract, diagnostics } = readContracts({ contractsDir: writeContracts(files) });
    expect(diagnostics).toEqual([]);
    const params = contract.services[0]!.methods[0]!.params.map((p) => p.type);
    expect(params).toEqual(Array(5).fill({ kind: 'ref', id: 'B' }));
  });

  it('reads a type imported from outside as unresolved, never the file itself', () => {
    const dir = writeContracts({
      'a.ts': "import type { X } from '../x.js';\nexport interface A { x: X }\n",
    });
    const { contract } = readContracts({ contractsDir: dir });
    expect(contract.types[0]!.definition).toMatchObject({
      properties: [{ type: { kind: 'unsupported', what: 'unresolved', text: 'X' } }],
    });
  });
});
