import { describe, expect, it } from 'vitest';
import { checkOverloadedMethod } from '../../../src/contract/check/check-overloaded-method.js';
import { call, contract, method, service, t } from './build-model.js';

describe('checkOverloadedMethod (CG106)', () => {
  it('accepts one signature per name', () => {
    expect(
      checkOverloadedMethod(contract({ services: [service('Chat', [call('find')])] })),
    ).toEqual([]);
  });

  it('reports an overloaded name once, at its first declaration', () => {
    const first = method('find', { returns: t.promise(t.string), overloads: 2, line: 3 });
    const second = method('find', { returns: t.promise(t.string), overloads: 2, line: 4 });
    const found = checkOverloadedMethod(
      contract({ services: [service('Users', [first, second])] }),
    );
    expect(found).toHaveLength(1);
    expect(found[0]?.span?.line).toBe(3);
    expect(found[0]?.message).toBe(
      "Service method 'Users.find' is declared 2 times (overloads), but a call on the wire carries only the method name, so each name needs exactly one signature.",
    );
    expect(found[0]?.hint).toContain("'findById', 'findByName'");
  });
});
