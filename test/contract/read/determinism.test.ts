import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createContractReader, readContracts } from '../../../src/contract/read/read-contracts.js';
import { printResult, typesFixtures } from './golden.js';

describe('determinism', () => {
  it('reads the same folder to the same bytes, with a fresh reader or the same one', () => {
    for (const construct of readdirSync(typesFixtures)) {
      const contractsDir = join(typesFixtures, construct, 'contracts');
      const first = printResult(readContracts({ contractsDir }));
      const reader = createContractReader({ contractsDir });
      expect(printResult(reader.read()), construct).toBe(first);
      expect(printResult(reader.read()), construct).toBe(first);
    }
  });
});
