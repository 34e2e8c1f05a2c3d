import { describe, expect, it } from 'vitest';
import { checkReservedName } from '../../../src/contract/check/check-reserved-name.js';
import {
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

describe('checkReservedName (CG302)', () => {
  it('accepts ordinary names', () => {
    const c = contract({
      services: [service('Chat', [call('join')])],
      types: [objectType('M', [prop('text', t.string)])],
    });
    expect(checkReservedName(c)).toEqual([]);
  });

  it('rejects a service name starting with an underscore', () => {
    expect(
      checkReservedName(contract({ services: [service('_Admin', [call('a')], { line: 2 })] })),
    ).toEqual([
      {
        code: 'CG302',
        severity: 'error',
        message:
          "Service '_Admin' starts with '_', which the protocol reserves for its own endpoints ('_open', '_events', '_release', '_ws').",
        hint: "Rename it without the leading underscore, e.g. 'Admin'.",
        span: span(2, 1),
      },
    ]);
  });

  it('rejects method names starting with an underscore', () => {
    const [d] = checkReservedName(contract({ services: [service('Chat', [call('_open')])] }));
    expect(d?.message).toContain("Service method 'Chat._open' starts with '_'");
  });

  it.each(['then', 'constructor', '__proto__', 'toJSON', '$cb'])(
    'rejects a method named %s',
    (name) => {
      const [d] = checkReservedName(
        contract({ callbacks: [callback('Events', [method(name, { line: 3 })])] }),
      );
      expect(d?.code).toBe('CG302');
      expect(d?.span?.line).toBe(3);
      expect(d?.message).toContain(
        `Callback method 'Events.${name}' uses the reserved name '${name}'`,
      );
    },
  );

  it('explains why then is reserved', () => {
    const [d] = checkReservedName(contract({ services: [service('Jobs', [call('then')])] }));
    expect(d?.message).toBe(
      "Service method 'Jobs.then' uses the reserved name 'then': a client with a 'then' method is thenable, so awaiting it (or returning it from an async function) would call the server.",
    );
    expect(d?.hint).toBe("Rename the method, e.g. 'andThen'.");
  });

  it.each(['$cb', '__proto__', 'constructor', 'prototype'])(
    'rejects a data property named %s, in named and inline types',
    (name) => {
      const named = objectType('Box', [prop(name, t.string, { line: 4 })]);
      const inline = service('Chat', [
        call('a', [param('o', t.object(prop(name, t.number, { line: 8 })))]),
      ]);
      const found = checkReservedName(contract({ services: [inline], types: [named] }));
      expect(found.map((d) => d.span?.line).sort()).toEqual([4, 8]);
      expect(found.map((d) => d.message)).toContain(
        `Property 'Box.${name}' uses the reserved name '${name}': ${found[0]?.message.split(': ').slice(1).join(': ')}`,
      );
    },
  );
});
