/**
 * The good fixture (test/fixtures/good/contracts): a rich contract using
 * every supported construct, which must read and check without a single
 * diagnostic, warnings included. Guards the checks against false alarms.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkContract } from '../../../src/contract/check-contract.js';
import { readContracts } from '../../../src/contract/read/read-contracts.js';

const contractsDir = fileURLToPath(new URL('../../fixtures/good/contracts/', import.meta.url));

describe('good contract fixture', () => {
  it('reads and checks without any diagnostic', () => {
    const { contract, diagnostics } = readContracts({ contractsDir });
    expect([...diagnostics, ...checkContract(contract)]).toEqual([]);
    expect(contract.services.map((s) => s.name).sort()).toEqual(['Board', 'Chat']);
    expect(contract.callbacks.map((c) => c.name).sort()).toEqual([
      'BoardEvents',
      'ChatEvents',
      'Progress',
    ]);
  });
});
