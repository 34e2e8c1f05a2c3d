// The text of an event's arguments: written piece by piece for primitives,
// it must be exactly what JSON.stringify writes for the encoded arguments.
import { describe, expect, it } from 'vitest';
import * as s from '../../../runtime/src/schema/index.js';
import { encodeEventArgs, eventMethods } from '../../../runtime/src/server/events/event-method.js';

const Events = s.callbackInterface('Events', {
  any: [s.unknown(), s.optional(s.unknown()), s.optional(s.unknown())],
  tick: [s.string(), s.number(), s.date()],
  big: [s.bigint(), s.optional(s.string())],
});
const methods = eventMethods(Events);
const method = (name: string) => methods.get(name) as NonNullable<ReturnType<typeof methods.get>>;

const strings = [
  '',
  'AAPL',
  'a"b',
  'back\\slash',
  'line\nfeed',
  '\u0000\u001f',
  'tab\there',
  'é ü 中文',
  '😀',
  '\ud800 lone',
  'x\udc00',
  'x'.repeat(300),
  'x'.repeat(300) + '"',
];
const numbers = [
  0,
  -0,
  1,
  -1.5,
  1e21,
  1e-7,
  Number.MAX_VALUE,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
];
const others = [
  true,
  false,
  null,
  undefined,
  { a: 1 },
  [1, 'x'],
  new Date(5),
  { toJSON: (key: string) => `key:${key}` },
  () => 1,
  Symbol('s'),
];

describe('encodeEventArgs', () => {
  it.each([...strings, ...numbers, ...others].map((value) => [value]))(
    'writes %s as JSON.stringify does, in every position',
    (value) => {
      for (const args of [[value], [value, 'x'], ['x', value, 2], ['x', 2, value]]) {
        const trimmed = [...args];
        while (trimmed.length > 1 && trimmed.at(-1) === undefined) trimmed.pop(); // trailing optional ones are left out
        expect(encodeEventArgs(method('any'), args)).toBe(JSON.stringify(trimmed));
      }
    },
  );

  it('writes converted arguments: a date as its ISO text, a bigint as its digits', () => {
    expect(encodeEventArgs(method('tick'), ['A"', 1.5, new Date(0)])).toBe(
      '["A\\"",1.5,"1970-01-01T00:00:00.000Z"]',
    );
    expect(encodeEventArgs(method('big'), [12n, 'x'])).toBe('["12","x"]');
  });

  it('refuses what the wire cannot carry', () => {
    expect(() => encodeEventArgs(method('any'), [1n])).toThrow(
      expect.objectContaining({ code: 'BAD_ARGUMENT' }),
    );
    expect(() => encodeEventArgs(method('tick'), ['x', 1, 'noon'])).toThrow(
      expect.objectContaining({ code: 'BAD_ARGUMENT', path: 'args[2]' }),
    );
    expect(() => encodeEventArgs(method('tick'), ['x'])).toThrow(
      /takes at least 3 arguments, received 1/,
    );
  });
});
