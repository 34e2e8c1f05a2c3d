import { describe, expect, it } from 'vitest';
import { checkContract } from '../../../src/contract/check-contract.js';
import {
  aliasType,
  call,
  callback,
  contract,
  enumType,
  method,
  objectType,
  param,
  prop,
  service,
  span,
  t,
} from './build-model.js';

describe('checkContract', () => {
  it('finds nothing wrong in a rich, valid contract', () => {
    const c = contract({
      services: [
        service(
          'Chat',
          [
            call(
              'join',
              [param('room', t.string), param('events', t.cb('ChatEvents'))],
              t.ref('MemberInfo'),
              20,
            ),
            call(
              'history',
              [param('room', t.ref('RoomId')), param('since', t.date, { optional: true })],
              t.array(t.ref('ChatMessage')),
              21,
            ),
            call('page', [], t.ref('Page<ChatMessage>'), 22),
            call(
              'leave',
              [param('reason', t.union(t.literal('bye'), t.literal('kicked'), t.null))],
              t.void,
              23,
            ),
          ],
          { line: 19 },
        ),
      ],
      callbacks: [
        callback(
          'ChatEvents',
          [method('messagePosted', { params: [param('m', t.ref('ChatMessage'))] })],
          { line: 15 },
        ),
      ],
      types: [
        objectType(
          'ChatMessage',
          [
            prop('text', t.string),
            prop('at', t.date),
            prop('tags', t.record(t.number)),
            prop('tree', t.ref('Tree')),
          ],
          { line: 1 },
        ),
        objectType('Tree', [prop('children', t.array(t.ref('Tree')))], { line: 5 }),
        aliasType('RoomId', t.string, { line: 7 }),
        objectType(
          'MemberInfo',
          [prop('role', t.ref('Role')), prop('pair', t.tuple(t.string, t.number))],
          { line: 8 },
        ),
        enumType('Role', ['admin', 'member'], { line: 10 }),
        objectType('Page', [prop('items', t.array(t.ref('ChatMessage')))], {
          id: 'Page<ChatMessage>',
          typeArguments: [t.ref('ChatMessage')],
          line: 13,
        }),
      ],
    });
    expect(checkContract(c)).toEqual([]);
  });

  it('runs every rule and sorts by file, line, column, then code', () => {
    const c = contract({
      services: [
        service('_Chat', [method('post', { returns: t.number, returnsText: 'number', line: 8 })], {
          line: 7,
          file: 'b.ts',
        }),
        service('Empty', [], { line: 2, file: 'a.ts' }),
      ],
      callbacks: [
        callback('E', [method('x', { returns: t.string, returnsText: 'string', line: 4 })], {
          line: 3,
          file: 'a.ts',
        }),
      ],
    });
    // Members' spans are in contract.ts (see build-model.ts); the interfaces' own are where declared.
    expect(checkContract(c).map((d) => [d.span?.file, d.span?.line, d.code])).toEqual([
      ['a.ts', 2, 'CG108'],
      ['b.ts', 7, 'CG302'],
      ['contract.ts', 4, 'CG101'],
      ['contract.ts', 8, 'CG104'],
    ]);
  });

  it('never reports the same diagnostic twice', () => {
    const shared = span(3);
    const bad = t.unsupported('symbol', 'symbol', shared);
    const c = contract({
      types: [
        objectType('A', [prop('s', bad, { line: 3 })]),
        objectType('A', [prop('s', bad, { line: 3 })], { id: 'A2' }),
      ],
    });
    const found = checkContract(c).filter((d) => d.code === 'CG203');
    expect(found).toHaveLength(1);
  });
});
