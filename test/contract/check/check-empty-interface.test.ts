import { describe, expect, it } from 'vitest';
import { checkEmptyInterface } from '../../../src/contract/check/check-empty-interface.js';
import { call, callback, contract, service, span } from './build-model.js';

describe('checkEmptyInterface (CG108)', () => {
  it('warns about a service without methods', () => {
    expect(
      checkEmptyInterface(contract({ services: [service('Admin', [], { line: 9 })] })),
    ).toEqual([
      {
        code: 'CG108',
        severity: 'warning',
        message: "Service 'Admin' has no methods, so clients can call nothing on it.",
        hint: "Add a method, e.g. 'ping(): Promise<void>', or remove the interface.",
        span: span(9, 1),
      },
    ]);
  });

  it('warns about a callback interface without methods', () => {
    const [d] = checkEmptyInterface(contract({ callbacks: [callback('Presence', [])] }));
    expect(d?.severity).toBe('warning');
    expect(d?.message).toBe(
      "Callback interface 'Presence' has no methods, so the server can never call it.",
    );
  });

  it('stays quiet when there are properties (CG105 covers them) or methods', () => {
    const withProps = service('Admin', [], { properties: [{ name: 'x', span: span(2) }] });
    expect(
      checkEmptyInterface(contract({ services: [withProps, service('Chat', [call('a')])] })),
    ).toEqual([]);
  });
});
