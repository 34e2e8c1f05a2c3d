import { describe, expect, it } from 'vitest';
import {
  formatGithub,
  formatJson,
  formatText,
  type LocatedDiagnostic,
} from '../../src/cli/format-diagnostics.js';

const source = [
  'export interface E extends Callback {',
  '  ping(n: number): Promise<void>;',
  '}',
].join('\n');
const item: LocatedDiagnostic = {
  file: 'contracts/e.ts',
  source,
  diagnostic: {
    code: 'CG101',
    severity: 'error',
    message: "Callback method 'E.ping' returns 'Promise<void>'.",
    hint: "Declare it as 'ping(...): void'.",
    span: { file: 'e.ts', line: 2, column: 20, endLine: 2, endColumn: 33 },
  },
};

describe('formatText', () => {
  it('prints path:line:col, severity, code, a code frame under the span, and the hint', () => {
    expect(formatText([item])).toBe(
      [
        "contracts/e.ts:2:20 - error CG101: Callback method 'E.ping' returns 'Promise<void>'.",
        '',
        '2   ping(n: number): Promise<void>;',
        '                     ~~~~~~~~~~~~~',
        '',
        "  hint: Declare it as 'ping(...): void'.",
        '',
      ].join('\n'),
    );
  });

  it('prints a diagnostic with no place without a location', () => {
    const text = formatText([
      { diagnostic: { code: 'CG003', severity: 'error', message: 'No contracts.' } },
    ]);
    expect(text).toBe('error CG003: No contracts.\n');
  });
});

describe('formatJson', () => {
  it('has the stable fields', () => {
    expect(JSON.parse(formatJson([item]))).toEqual([
      {
        code: 'CG101',
        severity: 'error',
        file: 'contracts/e.ts',
        line: 2,
        column: 20,
        endLine: 2,
        endColumn: 33,
        message: "Callback method 'E.ping' returns 'Promise<void>'.",
        hint: "Declare it as 'ping(...): void'.",
      },
    ]);
  });
});

describe('formatGithub', () => {
  it('prints a workflow command with file, position and code, escaping newlines', () => {
    const out = formatGithub([{ ...item, diagnostic: { ...item.diagnostic, hint: 'two\nlines' } }]);
    expect(out).toBe(
      "::error file=contracts/e.ts,line=2,col=20,endLine=2,endColumn=33,title=CG101::Callback method 'E.ping' returns 'Promise<void>'. two%0Alines\n",
    );
  });
});
