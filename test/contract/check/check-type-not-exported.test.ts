import { describe, expect, it } from 'vitest';
import { checkTypeNotExported } from '../../../src/contract/check/check-type-not-exported.js';
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

describe('checkTypeNotExported (CG303)', () => {
  it('accepts exported declarations', () => {
    const c = contract({
      services: [service('Chat', [call('a', [param('m', t.ref('M'))])])],
      types: [objectType('M', [])],
    });
    expect(checkTypeNotExported(c)).toEqual([]);
  });

  it('rejects an unexported type used by a service method, naming the method', () => {
    const c = contract({
      services: [service('Chat', [call('join', [], t.ref('MemberInfo'))])],
      types: [objectType('MemberInfo', [], { exported: false, line: 3 })],
    });
    expect(checkTypeNotExported(c)).toEqual([
      {
        code: 'CG303',
        severity: 'error',
        message:
          "Type 'MemberInfo' is used by 'Chat.join' but is not exported; generated code imports it from 'contract.ts'.",
        hint: "Add 'export': 'export interface MemberInfo { ... }'.",
        span: span(3, 1),
      },
    ]);
  });

  it('names the type it is reached through', () => {
    const c = contract({
      callbacks: [callback('Events', [method('moved', { params: [param('p', t.ref('Player'))] })])],
      types: [
        objectType('Player', [prop('role', t.ref('Role'))]),
        enumType('Role', ['a'], { exported: false }),
      ],
    });
    const [d] = checkTypeNotExported(c);
    expect(d?.message).toBe(
      "Enum 'Role' is used by 'Events.moved' (through 'Player') but is not exported; generated code imports it from 'contract.ts'.",
    );
    expect(d?.hint).toBe("Add 'export': 'export enum Role { ... }'.");
  });

  it('rejects unexported services and callback interfaces', () => {
    const c = contract({
      services: [service('Chat', [call('a')], { exported: false })],
      callbacks: [callback('E', [method('b')], { exported: false })],
    });
    expect(checkTypeNotExported(c).map((d) => d.message)).toEqual([
      "Service 'Chat' is not exported, but generated code imports it from 'contract.ts'.",
      "Callback interface 'E' is not exported, but generated code imports it from 'contract.ts'.",
    ]);
  });

  it('reports a generic once for all its instantiations', () => {
    const a = aliasType('Page', t.string, {
      id: 'Page<A>',
      typeArguments: [t.string],
      exported: false,
    });
    const b = aliasType('Page', t.string, {
      id: 'Page<B>',
      typeArguments: [t.number],
      exported: false,
    });
    const c = contract({
      services: [service('S', [call('a', [], t.ref('Page<A>')), call('b', [], t.ref('Page<B>'))])],
      types: [a, b],
    });
    const found = checkTypeNotExported(c);
    expect(found).toHaveLength(1);
    expect(found[0]?.hint).toBe("Add 'export': 'export type Page<T> = ...'.");
  });
});
