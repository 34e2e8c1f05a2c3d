import { describe, expect, it } from 'vitest';
import { checkPropertyOnInterface } from '../../../src/contract/check/check-property-on-interface.js';
import { call, callback, contract, method, service, span } from './build-model.js';

describe('checkPropertyOnInterface (CG105)', () => {
  it('accepts interfaces with methods only', () => {
    expect(
      checkPropertyOnInterface(contract({ services: [service('Chat', [call('a')])] })),
    ).toEqual([]);
  });

  it('rejects a property on a service, at the property', () => {
    const chat = service('Chat', [call('a')], { properties: [{ name: 'version', span: span(4) }] });
    expect(checkPropertyOnInterface(contract({ services: [chat] }))).toEqual([
      {
        code: 'CG105',
        severity: 'error',
        message:
          "Service 'Chat' declares property 'version'; a service interface may only declare methods.",
        hint: "Make it a method, e.g. 'version(): Promise<string>', or move it into a data type a method returns.",
        span: span(4),
      },
    ]);
  });

  it('rejects a property on a callback interface with a void-method hint', () => {
    const ev = callback('Events', [method('a')], {
      properties: [{ name: 'onMessage', span: span(2) }],
    });
    const [d] = checkPropertyOnInterface(contract({ callbacks: [ev] }));
    expect(d?.message).toBe(
      "Callback interface 'Events' declares property 'onMessage'; a callback interface may only declare methods.",
    );
    expect(d?.hint).toBe("Make it a method, e.g. 'onMessage(value: string): void'.");
  });
});
