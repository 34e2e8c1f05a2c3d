import { describe, expect, it } from 'vitest';
import { checkCallbackParamNotCallback } from '../../../src/contract/check/check-callback-param-not-callback.js';
import { call, callback, contract, method, param, service, t } from './build-model.js';

describe('checkCallbackParamNotCallback (CG102)', () => {
  it('accepts a callback interface passed as a service-method parameter', () => {
    const c = contract({
      services: [service('Chat', [call('join', [param('events', t.cb('ChatEvents'))])])],
      callbacks: [callback('ChatEvents', [method('left')])],
    });
    expect(checkCallbackParamNotCallback(c)).toEqual([]);
  });

  it('accepts an optional callback parameter', () => {
    const c = contract({
      services: [
        service('Chat', [call('join', [param('events', t.cb('ChatEvents'), { optional: true })])]),
      ],
      callbacks: [callback('ChatEvents', [method('left')])],
    });
    expect(checkCallbackParamNotCallback(c)).toEqual([]);
  });

  it('rejects a function type parameter and suggests a callback interface', () => {
    const fn = t.unsupported('function', '(m: Message) => void');
    const c = contract({
      services: [service('Chat', [call('watch', [param('onMessage', fn, { line: 5 })])])],
    });
    const [d, ...rest] = checkCallbackParamNotCallback(c);
    expect(rest).toEqual([]);
    expect(d?.code).toBe('CG102');
    expect(d?.span?.line).toBe(5);
    expect(d?.message).toBe(
      "Parameter 'onMessage' of service method 'Chat.watch' is a function ('(m: Message) => void'). Functions cannot be sent to the server; the server calls the client back through a callback interface.",
    );
    expect(d?.hint).toContain(
      "'interface Events extends Callback { done(result: Result): void }', then 'onMessage: Events'",
    );
  });

  it('rejects a service interface passed as a callback', () => {
    const c = contract({
      services: [
        service('Lobby', [call('ping')]),
        service('Chat', [call('link', [param('lobby', t.cb('Lobby'))])]),
      ],
    });
    expect(checkCallbackParamNotCallback(c)[0]?.message).toBe(
      "Parameter 'lobby' of service method 'Chat.link' has type 'Lobby', a service interface, but only a callback interface can be passed to a service method.",
    );
  });

  it('recognises a service the reader recorded as unsupported data', () => {
    const lobby = t.unsupported('other', 'Lobby (a service interface is not data)');
    const c = contract({
      services: [
        service('Lobby', [call('ping')]),
        service('Chat', [call('link', [param('lobby', lobby)])]),
      ],
    });
    expect(checkCallbackParamNotCallback(c)[0]?.message).toContain(
      "has type 'Lobby', a service interface",
    );
  });

  it('leaves functions elsewhere to CG201', () => {
    const fn = t.unsupported('function', '() => void');
    const c = contract({ services: [service('Chat', [call('x', [param('opts', t.array(fn))])])] });
    expect(checkCallbackParamNotCallback(c)).toEqual([]);
  });
});
