import { describe, expect, it } from 'vitest';
import { checkUnsupportedTypes } from '../../../src/contract/check/check-unsupported-types.js';
import type { UnsupportedWhat } from '../../../src/contract/model.js';
import {
  aliasType,
  call,
  callback,
  contract,
  method,
  objectType,
  param,
  prop,
  service,
  span,
  t,
} from './build-model.js';

function inProperty(what: UnsupportedWhat, text: string) {
  const type = objectType('Doc', [prop('field', t.unsupported(what, text, span(4)), { line: 4 })]);
  return checkUnsupportedTypes(contract({ types: [type] }));
}

describe('checkUnsupportedTypes (CG201–CG207)', () => {
  it.each([
    ['function', '() => void', 'CG201', 'error'],
    ['class', 'Point', 'CG202', 'error'],
    ['symbol', 'symbol', 'CG203', 'error'],
    ['map', 'Map<string, number>', 'CG204', 'error'],
    ['set', 'Set<string>', 'CG204', 'error'],
    ['unresolved', 'Missing', 'CG205', 'error'],
    ['any', 'any', 'CG206', 'warning'],
    ['promise-in-data', 'Promise<string>', 'CG207', 'error'],
    ['never', 'never', 'CG207', 'error'],
    ['index-signature', '{ [k: number]: string }', 'CG207', 'error'],
    ['template-literal', '`id-${string}`', 'CG207', 'error'],
    ['intersection', 'A & B', 'CG207', 'error'],
    ['other', 'unique symbol', 'CG207', 'error'],
  ] as const)('reports %s as %s (%s)', (what, text, code, severity) => {
    const [d, ...rest] = inProperty(what, text);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code, severity, span: span(4) });
    expect(d?.message).toContain(`Property 'Doc.field' has type '${text}'`);
    expect(d?.hint).toBeTruthy();
  });

  it('writes a full message for a Map', () => {
    expect(inProperty('map', 'Map<string, number>')[0]).toMatchObject({
      message:
        "Property 'Doc.field' has type 'Map<string, number>', a Map, which JSON cannot represent (it would arrive as '{}').",
      hint: "Use 'Record<string, V>' for string keys, or an array of '[key, value]' tuples.",
    });
  });

  it('walks parameters, results and nested positions', () => {
    const sym = t.unsupported('symbol', 'symbol', span(10));
    const anyRef = t.unsupported('any', 'any', span(11));
    const chat = service('Chat', [
      call('a', [param('key', t.array(sym))]),
      call('b', [], t.record(anyRef)),
    ]);
    const found = checkUnsupportedTypes(contract({ services: [chat] }));
    expect(found.map((d) => d.message)).toEqual([
      "Parameter 'key' of 'Chat.a' uses 'symbol', a symbol, which JSON cannot represent.",
      "The result of 'Chat.b' uses 'any', so its values cross the wire unchecked.",
    ]);
  });

  it('says the alias itself is the problem', () => {
    const found = checkUnsupportedTypes(
      contract({ types: [aliasType('Handler', t.unsupported('function', '() => void'))] }),
    );
    expect(found[0]?.message).toMatch(/^Type 'Handler' is '\(\) => void', a function/);
  });

  it('does not repeat an alias name its type prints as', () => {
    const found = checkUnsupportedTypes(
      contract({ types: [aliasType('UserId', t.unsupported('intersection', 'UserId'))] }),
    );
    expect(found[0]?.message).toBe(
      "Type 'UserId' is an intersection the generator cannot turn into one object shape.",
    );
  });

  it('reports a Promise nested in data as CG207', () => {
    const found = checkUnsupportedTypes(
      contract({ types: [objectType('Job', [prop('done', t.promise(t.boolean), { line: 3 })])] }),
    );
    expect(found[0]).toMatchObject({ code: 'CG207', span: span(3) });
    expect(found[0]?.message).toContain("has type 'Promise<boolean>', a Promise inside data");
  });

  it('leaves the outer result type to CG104/CG101 and a function parameter to CG102', () => {
    const fn = t.unsupported('function', '() => void');
    const c = contract({
      services: [
        service('Chat', [
          method('x', { returns: t.unsupported('any', 'any') }),
          call('y', [param('f', fn)]),
        ]),
      ],
      callbacks: [
        callback('E', [
          method('z', { returns: t.promise(t.unsupported('map', 'Map<string, string>')) }),
        ]),
      ],
    });
    expect(checkUnsupportedTypes(c)).toEqual([]);
  });

  it("leaves a generic method's types to CG107", () => {
    const m = method('get', { returns: t.promise(t.unsupported('other', 'T')), generic: true });
    expect(checkUnsupportedTypes(contract({ services: [service('Store', [m])] }))).toEqual([]);
  });

  it('says a service is never data, and leaves a service parameter to CG102', () => {
    const lobby = () => t.unsupported('other', 'Lobby (a service interface is not data)', span(6));
    const c = contract({
      services: [service('Lobby', [call('a', [param('self', lobby())])])],
      types: [objectType('Holder', [prop('lobby', lobby(), { line: 6 })])],
    });
    const found = checkUnsupportedTypes(c);
    expect(found.map((d) => d.message)).toEqual([
      "Property 'Holder.lobby' has type 'Lobby', a service interface: a service is called, it is never sent as data.",
    ]);
  });

  it('names the method of an interface with methods used as data', () => {
    const greet = t.unsupported('function', 'greet(name: string): string;', span(4));
    const c = {
      ...contract({ types: [objectType('Greeter', [prop('greet', greet, { line: 4 })])] }),
      others: [{ kind: 'other' as const, name: 'Greeter', span: span(3, 1) }],
    };
    const [d] = checkUnsupportedTypes(c);
    expect(d?.code).toBe('CG201');
    expect(d?.message).toBe(
      "Interface 'Greeter' is used as data but declares method 'greet': functions cannot be sent over the wire.",
    );
    expect(d?.hint).toContain("mark it 'interface Greeter extends Callback'");
  });

  it('reports a construct shared by generic instantiations once', () => {
    const bad = t.unsupported('map', 'Map<string, T>', span(5));
    const pageA = objectType('Page', [prop('index', bad, { line: 5 })], {
      id: 'Page<A>',
      typeArguments: [t.ref('A')],
    });
    const pageB = objectType('Page', [prop('index', bad, { line: 5 })], {
      id: 'Page<B>',
      typeArguments: [t.ref('B')],
    });
    expect(checkUnsupportedTypes(contract({ types: [pageA, pageB] }))).toHaveLength(1);
  });
});
