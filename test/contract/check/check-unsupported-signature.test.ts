import { describe, expect, it } from 'vitest';
import { checkUnsupportedSignature } from '../../../src/contract/check/check-unsupported-signature.js';
import { callback, contract, method, param, service, t } from './build-model.js';

describe('checkUnsupportedSignature (CG107)', () => {
  it('rejects a generic method, at the method', () => {
    const m = method('get', {
      returns: t.promise(t.unsupported('other', 'T')),
      generic: true,
      line: 2,
    });
    const [d] = checkUnsupportedSignature(contract({ services: [service('Store', [m])] }));
    expect(d?.code).toBe('CG107');
    expect(d?.span?.line).toBe(2);
    expect(d?.message).toContain("Service method 'Store.get' declares type parameters of its own");
  });

  it('rejects a rest parameter, at the parameter, suggesting an array', () => {
    const m = method('tag', {
      params: [param('tags', t.array(t.string), { rest: true, line: 6 })],
    });
    const [d] = checkUnsupportedSignature(contract({ callbacks: [callback('Events', [m])] }));
    expect(d?.span?.line).toBe(6);
    expect(d?.message).toBe(
      "Parameter '...tags' of callback method 'Events.tag' is a rest parameter; arguments travel as one positional array, so a method takes a fixed list of parameters.",
    );
    expect(d?.hint).toBe("Take an array instead: 'tags: T[]'.");
  });

  it('accepts plain signatures', () => {
    const m = method('tag', { params: [param('tags', t.array(t.string))] });
    expect(checkUnsupportedSignature(contract({ callbacks: [callback('Events', [m])] }))).toEqual(
      [],
    );
  });
});
