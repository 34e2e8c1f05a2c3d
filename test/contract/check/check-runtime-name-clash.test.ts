import { describe, expect, it } from 'vitest';
import { checkRuntimeNameClash } from '../../../src/contract/check/check-runtime-name-clash.js';
import { call, contract, objectType, param, prop, service, span, t } from './build-model.js';

describe('checkRuntimeNameClash (CG301)', () => {
  it('reports a type named like a runtime import when a method signature uses it', () => {
    const c = contract({
      services: [service('Db', [call('open', [param('c', t.ref('Connection'))])])],
      types: [objectType('Connection', [prop('url', t.string)], { line: 4 })],
    });
    expect(checkRuntimeNameClash(c)).toEqual([
      {
        code: 'CG301',
        severity: 'error',
        message: "Type 'Connection' has the same name as 'Connection', which generated code imports from '@contract-gen/runtime/client'; the two imports would clash.",
        hint: "Rename it, e.g. 'ConnectionInfo'.",
        span: span(4, 1),
      },
    ]);
  });

  it('ignores such a type when it is only nested in data', () => {
    const c = contract({
      services: [service('Db', [call('open', [param('o', t.ref('Options'))])])],
      types: [objectType('Options', [prop('c', t.ref('Connection'))]), objectType('Connection', [])],
    });
    expect(checkRuntimeNameClash(c)).toEqual([]);
  });

  it('reports a service named like a runtime import', () => {
    expect(checkRuntimeNameClash(contract({ services: [service('CallContext', [call('a')])] }))[0]?.message).toContain(
      "Service 'CallContext' has the same name as 'CallContext', which generated code imports from '@contract-gen/runtime/server'",
    );
  });
});
