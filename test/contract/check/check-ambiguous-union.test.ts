import { describe, expect, it } from 'vitest';
import { checkAmbiguousUnion } from '../../../src/contract/check/check-ambiguous-union.js';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Contract } from '../../../src/contract/model.js';
import { generate } from '../../../src/generator.js';

/** The model of one contract file, errors or not. */
async function modelOf(source: string): Promise<Contract> {
  const dir = mkdtempSync(join(tmpdir(), 'cg-cg210-'));
  mkdirSync(join(dir, 'contracts'));
  writeFileSync(
    join(dir, 'contracts', 'api.ts'),
    `import type { Service } from 'contract-gen';\n${source}`,
  );
  const result = await generate({ contractsDir: join(dir, 'contracts'), checkOnly: true });
  return result.contract!;
}

const svc = (param: string, extra = '') =>
  `${extra}\nexport interface Api extends Service {\n  a(x: ${param}): Promise<void>;\n}\n`;

describe('checkAmbiguousUnion (CG210)', () => {
  it.each([
    ['Date | string', 1],
    ['bigint | string', 1],
    ['Uint8Array | string', 1],
    ['bigint | Uint8Array', 1],
    ['Date | bigint', 0],
    ['Date | Uint8Array', 0],
    ['string | number', 0],
    ["Date | 'now'", 0],
    ['Date | null | undefined', 0],
    ['{ at: Date } | { at: string }', 1],
    ['{ a: string } | { a: number }', 0],
    ["{ kind: 'a'; x: string } | { kind: 'b'; x: string }", 0],
    ['{ a: string } | { a: string; b?: number }', 0],
    ['A | B', 1],
    ['A | C', 0],
    ['(A | null)[]', 0],
  ])('%s: %i', async (type, count) => {
    const extra = `interface A { x: string; y?: number }\ninterface B { x: string; y?: number }\ninterface C { x: string; y?: number; z: boolean }\nexport type { A, B, C };`;
    const contract = await modelOf(svc(type, extra));
    const found = checkAmbiguousUnion(contract);
    expect(found.map((d) => d.code)).toEqual(Array(count).fill('CG210'));
  });

  it('says so at an alias of a union, once', async () => {
    const contract = await modelOf(svc('When', 'export type When = Date | string;'));
    const found = checkAmbiguousUnion(contract);
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toMatch(/^Type 'When': 'Date \| string' cannot be told apart/);
  });
});
