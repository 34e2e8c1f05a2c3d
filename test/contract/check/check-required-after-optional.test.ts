import { describe, expect, it } from 'vitest';
import { checkRequiredAfterOptional } from '../../../src/contract/check/check-required-after-optional.js';
import { call, contract, param, service, t } from './build-model.js';

describe('checkRequiredAfterOptional (CG109)', () => {
  it('accepts trailing optional parameters', () => {
    const m = call('history', [
      param('room', t.string),
      param('since', t.date, { optional: true }),
    ]);
    expect(checkRequiredAfterOptional(contract({ services: [service('Chat', [m])] }))).toEqual([]);
  });

  it('reports each required parameter after an optional one, at the parameter', () => {
    const m = call('history', [
      param('since', t.date, { optional: true, line: 2 }),
      param('room', t.string, { line: 3 }),
      param('limit', t.number, { line: 4 }),
    ]);
    const found = checkRequiredAfterOptional(contract({ services: [service('Chat', [m])] }));
    expect(found.map((d) => d.span?.line)).toEqual([3, 4]);
    expect(found[0]?.message).toBe(
      "Parameter 'room' of service method 'Chat.history' is required but follows the optional parameter 'since'; only trailing parameters can be optional.",
    );
    expect(found[0]?.hint).toBe(
      "Move 'since' after 'room', or make 'room' optional too ('room?: ...').",
    );
  });
});
