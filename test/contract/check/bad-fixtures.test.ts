/**
 * Golden bad contracts: each folder under test/fixtures/bad/<rule>/ holds a
 * small, realistic contract with one kind of mistake, and expected.json the
 * diagnostics a user sees for it (reader and checks together, sorted as
 * printed). The folder is named after the code's key in codes.ts
 * (`callback-returns-value` → `callbackReturnsValue` → CG101).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkContract } from '../../../src/contract/check-contract.js';
import { codes } from '../../../src/contract/codes.js';
import { compareDiagnostics, type Diagnostic } from '../../../src/contract/diagnostic.js';
import { readContracts } from '../../../src/contract/read/read-contracts.js';

const root = fileURLToPath(new URL('../../fixtures/bad/', import.meta.url));
const rules = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

interface Expected {
  code: string;
  severity: string;
  file: string | null;
  line: number | null;
  column: number | null;
  message: string;
}

function simplify(d: Diagnostic): Expected {
  return {
    code: d.code,
    severity: d.severity,
    file: d.span?.file ?? null,
    line: d.span?.line ?? null,
    column: d.span?.column ?? null,
    message: d.message,
  };
}

function codeOf(rule: string): string | undefined {
  const key = rule.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  return (codes as Record<string, string>)[key];
}

describe('bad contract fixtures', () => {
  it('has a folder for every check code, each named after a code', () => {
    const checked = Object.values(codes).filter((code) => code >= 'CG100');
    const covered = rules.map(codeOf);
    expect(covered).not.toContain(undefined);
    expect(checked.filter((code) => !covered.includes(code))).toEqual([]);
  });

  for (const rule of rules) {
    const expected = JSON.parse(
      readFileSync(join(root, rule, 'expected.json'), 'utf8'),
    ) as Expected[];

    it(`${rule}: shows one kind of mistake (${codeOf(rule)})`, () => {
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.every((e) => e.code === codeOf(rule))).toBe(true);
    });

    it(`${rule}: reports exactly the expected diagnostics`, () => {
      const { contract, diagnostics } = readContracts({
        contractsDir: join(root, rule, 'contracts'),
      });
      const all = [...diagnostics, ...checkContract(contract)].sort(compareDiagnostics);
      expect(all.map(simplify)).toEqual(expected);
      // Every diagnostic says how to fix it.
      expect(all.filter((d) => !d.hint).map((d) => d.code)).toEqual([]);
    });
  }
});
