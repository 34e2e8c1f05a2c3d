import { describe, expect, it } from 'vitest';
import { checkCallbackReturnsValue } from '../../../src/contract/check/check-callback-returns-value.js';
import { call, callback, contract, method, param, service, span, t } from './build-model.js';

describe('checkCallbackReturnsValue (CG101)', () => {
  it('accepts callback methods returning void', () => {
    const c = contract({ callbacks: [callback('ChatEvents', [method('messagePosted')])] });
    expect(checkCallbackReturnsValue(c)).toEqual([]);
  });

  it('rejects Promise<void>, naming the method and the type found, at the return annotation', () => {
    const m = method('messagePosted', {
      returns: t.promise(t.void),
      returnsText: 'Promise<void>',
      line: 4,
    });
    const [d, ...rest] = checkCallbackReturnsValue(
      contract({ callbacks: [callback('ChatEvents', [m])] }),
    );
    expect(rest).toEqual([]);
    expect(d).toEqual({
      code: 'CG101',
      severity: 'error',
      message:
        "Callback method 'ChatEvents.messagePosted' returns 'Promise<void>', but callbacks are one-way: the server never waits for a result.",
      hint: "Declare it as 'messagePosted(...): void'. To get data back, add a service method the client calls.",
      span: span(4, 20),
    });
  });

  it('rejects any other result type', () => {
    const m = method('ping', { returns: t.string, returnsText: 'string' });
    expect(
      checkCallbackReturnsValue(contract({ callbacks: [callback('Events', [m])] }))[0]?.message,
    ).toContain("returns 'string'");
  });

  it('explains why an unmarked interface is a callback, naming the service method it is passed to', () => {
    const events = callback(
      'RoomEvents',
      [method('closed', { returns: t.boolean, returnsText: 'boolean' })],
      {
        origin: 'used-as-callback-param',
      },
    );
    const chat = service('Chat', [call('watch', [param('events', t.cb('RoomEvents'))])]);
    const [d] = checkCallbackReturnsValue(contract({ services: [chat], callbacks: [events] }));
    expect(d?.message).toContain(
      "'RoomEvents' is treated as a callback interface because it is passed to service method 'Chat.watch'.",
    );
    expect(d?.hint).toContain("Mark it 'interface RoomEvents extends Callback'");
  });

  it("says 'any' when the return annotation is missing", () => {
    const m = method('ping', { returns: t.unsupported('any', 'any'), returnsText: '' });
    expect(
      checkCallbackReturnsValue(contract({ callbacks: [callback('Events', [m])] }))[0]?.message,
    ).toContain("returns 'any'");
  });
});
