import { describe, expect, it } from 'vitest';
import { checkContract } from '../../../src/contract/check-contract.js';
import { checkNameCollision } from '../../../src/contract/check/check-name-collision.js';
import {
  call,
  callback,
  contract,
  method,
  objectType,
  param,
  service,
  span,
  t,
} from './build-model.js';

describe('checkNameCollision (CG301)', () => {
  it('accepts distinct names', () => {
    const c = contract({
      services: [service('Chat', [call('a')], { line: 20 })],
      callbacks: [callback('ChatEvents', [method('b')], { line: 10 })],
      types: [objectType('ChatMessage', [])],
    });
    expect(checkNameCollision(c)).toEqual([]);
  });

  it('accepts names generated code also imports from the runtime: the emitter imports the contract ones under other names', () => {
    const c = contract({
      services: [
        service('Db', [
          call(
            'open',
            [param('c', t.ref('Connection')), param('x', t.ref('CallContext'))],
            t.ref('s'),
          ),
        ]),
      ],
      types: [
        objectType('Connection', []),
        objectType('CallContext', []),
        objectType('s', []),
        objectType('ServiceOptions', []),
      ],
    });
    expect(checkContract(c)).toEqual([]);
  });

  it('reports two types with the same name in different files once, at the later one', () => {
    const a = objectType('User', [], { file: 'a.ts', line: 3 });
    const b = objectType('User', [], { file: 'b.ts', line: 5, id: 'User@b.ts' });
    expect(checkNameCollision(contract({ types: [a, b] }))).toEqual([
      {
        code: 'CG301',
        severity: 'error',
        message:
          "Type 'User' has the same name as type 'User' (a.ts:3); generated code imports contract names, so each must be unique across the contracts folder.",
        hint: "Rename one of them. Names of types, services and callbacks must be unique across the contracts folder, and must not equal another's generated name.",
        span: span(5, 1, 'b.ts'),
      },
    ]);
  });

  it("reports a type named like a service's descriptor", () => {
    const c = contract({
      services: [service('Chat', [call('a')], { line: 9 })],
      types: [objectType('ChatService', [], { line: 2 })],
    });
    const [d] = checkNameCollision(c);
    expect(d?.span?.line).toBe(9);
    expect(d?.message).toBe(
      "Service 'Chat' clashes with type 'ChatService' (contract.ts:2): generated code would name both 'ChatService': the descriptor constant of service 'Chat', and the imported name of type 'ChatService'.",
    );
  });

  it('reports a generic instantiation whose schema name equals another type’s', () => {
    const page = objectType('Page', [], {
      id: 'Page<Item>',
      typeArguments: [t.ref('Item')],
      line: 1,
    });
    const item = objectType('Item', [], { line: 5 });
    const flat = objectType('PageOfItem', [], { line: 9 });
    const [d, ...rest] = checkNameCollision(contract({ types: [page, item, flat] }));
    expect(rest).toEqual([]);
    expect(d?.message).toContain(
      "Type 'PageOfItem' clashes with generic instantiation 'Page<Item>' (contract.ts:1): generated code would name both 'PageOfItemSchema'",
    );
  });

  it('does not count instantiations of one generic as a clash', () => {
    const a = objectType('Page', [], { id: 'Page<string>', typeArguments: [t.string] });
    const b = objectType('Page', [], { id: 'Page<number>', typeArguments: [t.number] });
    expect(checkNameCollision(contract({ types: [a, b] }))).toEqual([]);
  });

  it('reports a service whose lower-case name makes its handler interface and function the same', () => {
    const [d] = checkNameCollision(contract({ services: [service('chat', [call('a')])] }));
    expect(d?.message).toBe(
      "Service 'chat' would generate 'chatHandlers' twice: as its handler interface and as its registration function.",
    );
    expect(d?.hint).toContain("('Chat')");
  });

  it('reports two services with the same name', () => {
    const c = contract({
      services: [
        service('Chat', [call('a')], { file: 'a.ts' }),
        service('Chat', [call('b')], { file: 'b.ts' }),
      ],
    });
    const found = checkNameCollision(c);
    expect(found).toHaveLength(1);
    expect(found[0]?.span?.file).toBe('b.ts');
  });
});
