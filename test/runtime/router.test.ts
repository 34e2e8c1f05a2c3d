import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRouter, type Router } from '../../runtime/src/server/index.js';
import { calcHandlers, createCalc } from './fixtures/calc-handlers.js';

const base = '/api';
const onError = vi.fn();
let calc = createCalc();
let router: Router = createRouter({
  services: [calcHandlers(calc)],
  base,
  limits: { maxBodyBytes: 4096 },
  onError,
});

afterEach(() => {
  calc = createCalc();
  router = createRouter({
    services: [calcHandlers(calc)],
    base,
    limits: { maxBodyBytes: 4096 },
    onError,
  });
  onError.mockClear();
});

interface Call {
  path?: string;
  method?: string;
  body?: string | ReadableStream<Uint8Array>;
  contentType?: string | null;
  headers?: Record<string, string>;
}

/** Sends a raw request through the router and returns status, headers and parsed body. */
async function send({
  path = '/api/Calc/add',
  method = 'POST',
  body = '[1,2]',
  contentType = 'application/json',
  headers = {},
}: Call) {
  const all: Record<string, string> = { ...headers };
  if (contentType !== null) all['content-type'] = contentType;
  const init: RequestInit & { duplex?: 'half' } = { method, headers: all };
  if (method !== 'GET' && method !== 'HEAD') {
    init.body = body;
    if (typeof body !== 'string') init.duplex = 'half';
  }
  const response = await router.fetch(new Request(`http://test${path}`, init));
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    json: JSON.parse(text) as { result?: unknown; error?: Record<string, unknown> },
  };
}

/** A body stream of `size` bytes in 100-byte chunks with no content-length (like a chunked upload). */
function chunked(size: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= size) return controller.close();
      controller.enqueue(new Uint8Array(100).fill(32));
      sent += 100;
    },
  });
}

describe('router: successful calls', () => {
  it('answers {"result": ...} and calls the handler with decoded args and the context', async () => {
    // A client id must be one the router opened (an unknown one is refused with 410).
    const { client } = (await (
      await router.fetch(
        new Request('http://test/api/_open', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
        }),
      )
    ).json()) as { client: string };
    const answer = await send({ body: '[2, 3]', headers: { 'x-contract-client': client } });
    expect(answer).toMatchObject({ status: 200, json: { result: 5 } });
    expect(answer.headers.get('content-type')).toBe('application/json');
    const [a, b, ctx] = calc.add.mock.calls[0] as unknown as [
      number,
      number,
      Record<string, unknown>,
    ];
    expect([a, b]).toEqual([2, 3]);
    expect(ctx).toMatchObject({ service: 'Calc', method: 'add', client });
    expect((ctx['request'] as Request).headers.get('x-contract-client')).toBe(client);
    expect(calc.add.mock.contexts[0]).toBe(calc); // `this` is the handler object
  });

  it('pads omitted optional arguments with undefined before the context', async () => {
    expect(await send({ path: '/api/Calc/history', body: '["lobby"]' })).toMatchObject({
      status: 200,
      json: { result: [] },
    });
    expect(calc.history.mock.calls[0]?.slice(0, 2)).toEqual(['lobby', undefined]);
    expect((calc.history.mock.calls[0] as unknown[] | undefined)?.[2]).toMatchObject({
      method: 'history',
    });
    const since = '2024-01-01T00:00:00.000Z';
    expect(await send({ path: '/api/Calc/history', body: `["lobby", "${since}"]` })).toMatchObject({
      json: { result: [since, '2024-01-01T00:00:01.000Z'] },
    });
    await send({ path: '/api/Calc/history', body: '["lobby", null]' });
    expect(calc.history.mock.calls[2]?.[1]).toBeUndefined();
  });

  it('answers null for void methods whatever the handler returned', async () => {
    expect(await send({ path: '/api/Calc/reset', body: '[]' })).toMatchObject({
      status: 200,
      text: '{"result":null}',
    });
  });

  it('accepts a content type with parameters', async () => {
    expect(await send({ contentType: 'Application/JSON; charset=utf-8' })).toMatchObject({
      status: 200,
    });
  });
});

const deepTree = (depth: number): string =>
  '{"value":1,"children":['.repeat(depth) + '{"value":1,"children":[]}' + ']}'.repeat(depth);

describe('router: bad requests', () => {
  it.each<[string, Call, number, string, Record<string, unknown>?]>([
    ['malformed JSON', { body: '[1,' }, 400, 'BAD_REQUEST'],
    ['empty body', { body: '' }, 400, 'BAD_REQUEST'],
    ['a body that is not an array', { body: '{"a":1,"b":2}' }, 400, 'BAD_REQUEST'],
    [
      'too few arguments',
      { body: '[1]' },
      400,
      'BAD_ARGUMENT',
      { path: 'args', expected: '2 arguments', received: '1 argument' },
    ],
    ['too many arguments', { body: '[1,2,3]' }, 400, 'BAD_ARGUMENT', { path: 'args' }],
    [
      'too many for optional params',
      { path: '/api/Calc/history', body: '["a", null, 1]' },
      400,
      'BAD_ARGUMENT',
      { expected: '1 to 2 arguments' },
    ],
    [
      'a wrong type',
      { body: '[1,"2"]' },
      400,
      'BAD_ARGUMENT',
      { path: 'args[1]', expected: 'a finite number', received: '"2"' },
    ],
    [
      'a wrong type at depth',
      {
        path: '/api/Calc/plan',
        body: '[{"name":"t","legs":[]}, [{"from":"a","to":"b","at":"2024-01-01"},{"from":"a","to":"b","at":"never"}]]',
      },
      400,
      'BAD_ARGUMENT',
      { path: 'args[1][1].at' },
    ],
    [
      'a wrong tuple element',
      { path: '/api/Calc/plan', body: '[{"name":"t","legs":[["a",1],["b","x"]]}, []]' },
      400,
      'BAD_ARGUMENT',
      { path: 'args[0].legs[1][1]' },
    ],
    [
      'a wrong union member',
      { path: '/api/Calc/area', body: '[{"kind":"rect","width":1}]' },
      400,
      'BAD_ARGUMENT',
      { path: 'args[0].height' },
    ],
    [
      'a __proto__ key',
      { path: '/api/Calc/plan', body: '[{"name":"t","legs":[],"__proto__":{"admin":true}}, []]' },
      400,
      'BAD_ARGUMENT',
      { path: 'args[0].__proto__' },
    ],
    [
      'a constructor key',
      { path: '/api/Calc/grow', body: '[{"value":1,"children":[],"constructor":{}}]' },
      400,
      'BAD_ARGUMENT',
      { path: 'args[0].constructor' },
    ],
    [
      'nesting past the limit',
      { path: '/api/Calc/grow', body: `[${deepTree(70)}]` },
      400,
      'TOO_DEEP',
    ],
    [
      'an unknown service',
      { path: '/api/Nope/add' },
      404,
      'NOT_FOUND',
      { message: "Unknown service 'Nope'. This server serves: Calc." },
    ],
    [
      'an unknown method',
      { path: '/api/Calc/nope' },
      404,
      'NOT_FOUND',
      {
        message: expect.stringContaining(
          "Service 'Calc' has no method 'nope'. Its methods: add, plan",
        ),
      },
    ],
    ['an inherited name', { path: '/api/Calc/toString' }, 404, 'NOT_FOUND'],
    ['a path outside the base', { path: '/Calc/add' }, 404, 'NOT_FOUND'],
    ['a path too deep', { path: '/api/Calc/add/more' }, 404, 'NOT_FOUND'],
    ['GET', { method: 'GET' }, 405, 'METHOD_NOT_ALLOWED'],
    ['PUT', { method: 'PUT' }, 405, 'METHOD_NOT_ALLOWED'],
    ['no content type', { contentType: null }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['a text content type', { contentType: 'text/plain' }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['a declared body over the limit', { body: `[1,${' '.repeat(5000)}2]` }, 413, 'TOO_LARGE'],
    ['a streamed body over the limit', { body: chunked(10_000) }, 413, 'TOO_LARGE'],
    ['a handler throwing an Error', { path: '/api/Calc/fail', body: '["error"]' }, 500, 'INTERNAL'],
    [
      'a handler throwing an Error subclass',
      { path: '/api/Calc/fail', body: '["forbidden"]' },
      500,
      'INTERNAL',
    ],
    [
      'a result that does not encode',
      { path: '/api/Calc/fail', body: '["bigint-result"]' },
      500,
      'INTERNAL',
    ],
    [
      'a ServiceError',
      { path: '/api/Calc/fail', body: '["service"]' },
      422,
      'OUT_OF_STOCK',
      { message: 'No more widgets', details: { left: 0 } },
    ],
    [
      'an application error from a check',
      { body: `[${Number.MAX_SAFE_INTEGER}, 1]` },
      422,
      'OVERFLOW',
    ],
  ])('%s', async (_name, call, status, code, fields = {}) => {
    const answer = await send(call);
    expect(answer.status).toBe(status);
    expect(answer.json.error).toMatchObject({ code, ...fields });
    expect(typeof answer.json.error?.['message']).toBe('string');
    expect(answer.text).not.toMatch(/secret|\/srv\/|at .*\.ts:\d+|stack/);
    if (status === 405) expect(answer.headers.get('allow')).toBe('POST');
  });

  it('never calls a handler with ill-typed arguments', async () => {
    await send({ body: '[1,"2"]' });
    await send({ body: '[1]' });
    await send({ path: '/api/Calc/plan', body: '[{"name":"t","legs":[["a","x"]]}, []]' });
    await send({
      path: '/api/Calc/grow',
      body: '[{"value":1,"children":[{"value":"x","children":[]}]}]',
    });
    await send({ path: '/api/Calc/area', body: '[{"kind":"square","side":1}]' });
    expect(calc.add).not.toHaveBeenCalled();
    expect(calc.plan).not.toHaveBeenCalled();
    expect(calc.grow).not.toHaveBeenCalled();
    expect(calc.area).not.toHaveBeenCalled();
  });

  it('reports server faults to onError and keeps serving', async () => {
    await send({ path: '/api/Calc/fail', body: '["error"]' });
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({ message: expect.stringContaining('secret') as unknown }),
      { service: 'Calc', method: 'fail' },
    );
    expect(await send({ body: '[1, 1]' })).toMatchObject({ status: 200, json: { result: 2 } });
  });

  it('does not report a ServiceError or a bad argument as a fault', async () => {
    await send({ path: '/api/Calc/fail', body: '["service"]' });
    await send({ body: '[1,"2"]' });
    expect(onError).not.toHaveBeenCalled();
  });
});

describe('router: error bodies', () => {
  it('answers a ServiceError whose details cannot be serialised without them', async () => {
    const { ServiceError, defineService } = await import('../../runtime/src/server/index.js');
    const s = await import('../../runtime/src/schema/index.js');
    const Svc = s.service('Svc', { go: s.method([], s.void()) });
    const local = createRouter({
      services: [
        defineService(Svc, {
          go: () => {
            throw new ServiceError('ODD', 'odd details', { big: 1n });
          },
        }),
      ],
    });
    const response = await local.fetch(
      new Request('http://t/Svc/go', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '[]',
      }),
    );
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({ error: { code: 'ODD', message: 'odd details' } });
  });

  it('refuses a registration with a missing handler or a duplicate service at startup', async () => {
    const { defineService } = await import('../../runtime/src/server/index.js');
    const { CalcService } = await import('./fixtures/contract.schema.js');
    expect(() => defineService(CalcService, { add: () => 1 })).toThrow(
      /no handler for 'plan', 'grow'/,
    );
    expect(() =>
      createRouter({ services: [calcHandlers(createCalc()), calcHandlers(createCalc())] }),
    ).toThrow(/registered twice/);
  });
});
