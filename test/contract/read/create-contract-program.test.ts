import { ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { createContractProgram } from '../../../src/contract/read/create-contract-program.js';
import { parseContractFile } from '../../../src/contract/read/contract-sources.js';

describe('the program behind the checker', () => {
  it("type-checks contracts against the in-memory 'contract-gen' and the ES2022 library only", () => {
    const dir = '/nowhere/contracts';
    const api = parseContractFile(
      `${dir}/api.ts`,
      "import type { Service } from 'contract-gen';\nimport type { Item } from './item.js';\nexport interface Api extends Service { get(at: Date): Promise<Item> }\n",
    );
    const item = parseContractFile(
      `${dir}/item.ts`,
      'export interface Item { big: bigint; at: Date }\n',
    );
    const program = createContractProgram(dir, [api, item]);
    const errors = ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(errors).toEqual([]);
    const dom = parseContractFile(
      `${dir}/dom.ts`,
      'export interface UsesDom { el: HTMLElement }\n',
    );
    const withDom = createContractProgram(dir, [dom]);
    expect(ts.getPreEmitDiagnostics(withDom).map((d) => d.code)).toEqual([2304]);
  });
});
