import { describe, expect, it } from 'vitest';
import { checkNoService } from '../../../src/contract/check/check-no-service.js';
import { call, contract, objectType, service } from './build-model.js';

describe('checkNoService (CG003)', () => {
  it('accepts a contract with a service', () => {
    expect(checkNoService(contract({ services: [service('Chat', [call('a')])] }))).toEqual([]);
  });

  it('rejects contract files without any service, with no span', () => {
    expect(checkNoService(contract({ types: [objectType('User', [])] }))).toEqual([
      {
        code: 'CG003',
        severity: 'error',
        message:
          'No contract file declares a service (read: contract.ts), so there is nothing for a client to call.',
        hint: "Mark the interface clients call with 'extends Service', e.g. 'export interface Chat extends Service { join(room: string): Promise<void> }', importing it with 'import type { Service } from 'contract-gen''.",
      },
    ]);
  });

  it('leaves a folder without files to the reader', () => {
    expect(checkNoService(contract({}))).toEqual([]);
  });
});
