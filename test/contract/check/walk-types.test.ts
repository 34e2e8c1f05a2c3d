import { describe, expect, it } from 'vitest';
import { walkTypes, type TypeVisit } from '../../../src/contract/check/walk-types.js';
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

describe('walkTypes', () => {
  it('visits every TypeRef once with its site, holder and parents', () => {
    const c = contract({
      services: [
        service('Chat', [
          call(
            'find',
            [param('filter', t.object(prop('tags', t.array(t.string), { line: 7 })))],
            t.ref('Page'),
          ),
        ]),
      ],
      callbacks: [callback('E', [method('x', { params: [param('n', t.number)] })])],
      types: [objectType('Page', [prop('items', t.ref('Page'), { line: 9 })])],
    });
    const seen: Array<
      Pick<TypeVisit, 'site' | 'where'> & { kind: string; depth: number; line: number }
    > = [];
    walkTypes(c, (v) =>
      seen.push({
        kind: v.ref.kind,
        site: v.site,
        where: v.where,
        depth: v.parents.length,
        line: v.span.line,
      }),
    );
    expect(seen).toEqual([
      {
        kind: 'object',
        site: 'service-param',
        where: "parameter 'filter' of 'Chat.find'",
        depth: 0,
        line: 1,
      },
      {
        kind: 'array',
        site: 'service-param',
        where: "property 'tags' of parameter 'filter' of 'Chat.find'",
        depth: 1,
        line: 7,
      },
      {
        kind: 'primitive',
        site: 'service-param',
        where: "property 'tags' of parameter 'filter' of 'Chat.find'",
        depth: 2,
        line: 7,
      },
      {
        kind: 'promise',
        site: 'service-result',
        where: "the result of 'Chat.find'",
        depth: 0,
        line: 1,
      },
      {
        kind: 'ref',
        site: 'service-result',
        where: "the result of 'Chat.find'",
        depth: 1,
        line: 1,
      },
      {
        kind: 'primitive',
        site: 'callback-param',
        where: "parameter 'n' of 'E.x'",
        depth: 0,
        line: 1,
      },
      { kind: 'void', site: 'callback-result', where: "the result of 'E.x'", depth: 0, line: 1 },
      // A recursive type is visited at its definition only, never followed through the ref.
      { kind: 'ref', site: 'type', where: "property 'Page.items'", depth: 0, line: 9 },
    ]);
  });
});
