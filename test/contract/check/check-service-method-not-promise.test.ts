import { describe, expect, it } from 'vitest';
import { checkServiceMethodNotPromise } from '../../../src/contract/check/check-service-method-not-promise.js';
import { call, contract, method, service, span, t } from './build-model.js';

describe('checkServiceMethodNotPromise (CG104)', () => {
  it('accepts Promise<T> and Promise<void>', () => {
    const c = contract({
      services: [service('Chat', [call('post', [], t.number), call('leave')])],
    });
    expect(checkServiceMethodNotPromise(c)).toEqual([]);
  });

  it('rejects a plain result, showing the Promise form', () => {
    const m = method('post', { returns: t.number, returnsText: 'number', line: 3 });
    expect(checkServiceMethodNotPromise(contract({ services: [service('Chat', [m])] }))).toEqual([
      {
        code: 'CG104',
        severity: 'error',
        message:
          "Service method 'Chat.post' returns 'number', but service methods are called over the network and must return a Promise.",
        hint: "Declare it as 'post(...): Promise<number>'. The server handler may still return the value directly.",
        span: span(3, 20),
      },
    ]);
  });

  it('turns void into Promise<void>', () => {
    const m = method('leave', { returns: t.void, returnsText: 'void' });
    expect(
      checkServiceMethodNotPromise(contract({ services: [service('Chat', [m])] }))[0]?.hint,
    ).toContain("'leave(...): Promise<void>'");
  });
});
