import { describe, expect, it } from 'vitest';
import { checkCallbackInData } from '../../../src/contract/check/check-callback-in-data.js';
import {
  call,
  callback,
  contract,
  method,
  objectType,
  param,
  prop,
  service,
  t,
} from './build-model.js';

const events = callback('ChatEvents', [method('left')]);

describe('checkCallbackInData (CG103)', () => {
  it('accepts a callback as a direct service-method parameter', () => {
    const c = contract({
      services: [service('Chat', [call('join', [param('events', t.cb('ChatEvents'))])])],
      callbacks: [events],
    });
    expect(checkCallbackInData(c)).toEqual([]);
  });

  it('rejects a callback in a property of a named type, at the property', () => {
    const room = objectType('Room', [prop('events', t.cb('ChatEvents'), { line: 7 })]);
    const [d] = checkCallbackInData(contract({ callbacks: [events], types: [room] }));
    expect(d?.code).toBe('CG103');
    expect(d?.span?.line).toBe(7);
    expect(d?.message).toBe(
      "Callback interface 'ChatEvents' is used in property 'Room.events': callbacks cannot be part of data; a callback can only be a direct parameter of a service method.",
    );
    expect(d?.hint).toBe(
      "Pass 'ChatEvents' directly as a parameter of a service method instead, e.g. 'subscribe(events: ChatEvents): Promise<void>'.",
    );
  });

  it('rejects a callback inside an array or inline object parameter', () => {
    const c = contract({
      services: [
        service('Chat', [
          call('many', [param('all', t.array(t.cb('ChatEvents')))]),
          call('opts', [param('options', t.object(prop('events', t.cb('ChatEvents'))))]),
        ]),
      ],
      callbacks: [events],
    });
    const found = checkCallbackInData(c).map((d) => d.message);
    expect(found).toEqual([
      expect.stringContaining("is used in parameter 'all' of 'Chat.many'"),
      expect.stringContaining("is used in property 'events' of parameter 'options' of 'Chat.opts'"),
    ]);
  });

  it('rejects a callback in a callback method parameter and in a service result', () => {
    const inner = callback('Outer', [
      method('attach', { params: [param('e', t.cb('ChatEvents'))] }),
    ]);
    const chat = service('Chat', [call('get', [], t.cb('ChatEvents'))]);
    const found = checkCallbackInData(
      contract({ services: [chat], callbacks: [events, inner] }),
    ).map((d) => d.message);
    expect(found).toEqual([
      expect.stringContaining(
        'a result is data, and the server cannot hand a callback to the client',
      ),
      expect.stringContaining('a callback cannot pass callbacks'),
    ]);
  });

  it('suggests an optional parameter for `Callback | undefined`', () => {
    const p = param('events', t.union(t.cb('ChatEvents'), t.undefined));
    const [d] = checkCallbackInData(
      contract({ services: [service('Chat', [call('join', [p])])], callbacks: [events] }),
    );
    expect(d?.hint).toBe(
      "To make the callback optional, declare the parameter optional: 'events?: ChatEvents'.",
    );
  });
});
