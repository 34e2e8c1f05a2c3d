import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  connect,
  connectInProcess,
  ContractError,
  ServiceError,
  type Connection,
} from '../../runtime/src/client/index.js';
import { createRouter } from '../../runtime/src/server/index.js';
import { createServer, type ListeningServer } from '../../runtime/src/server/node/index.js';
import type { Calc, Sample, Tree } from './fixtures/contract.js';
import { calcClient } from './fixtures/calc-client.js';
import { calcHandlers, createCalc } from './fixtures/calc-handlers.js';

const sample: Sample = {
  text: 'héllo ✓',
  count: 3.5,
  big: -(2n ** 80n),
  at: new Date('2024-05-01T12:00:00.123Z'),
  bytes: new Uint8Array([0, 1, 2, 250, 251, 252, 253]),
  tags: ['a', 'b'],
  kind: 'b',
  pair: ['p', 1],
  attrs: { on: true, off: false },
  nested: {
    text: '',
    count: 0,
    big: 0n,
    at: new Date(0),
    bytes: new Uint8Array(),
    tags: [],
    kind: 'a',
    pair: ['q', 2],
    attrs: {},
    nested: null,
  },
};

/** The suite every transport passes (hono's common-case pattern). */
function transportSuite(
  name: string,
  open: () => Promise<{ conn: Connection; close: () => Promise<void> }>,
) {
  describe(`client over ${name}`, () => {
    let calc: Calc;
    let close: () => Promise<void>;
    beforeAll(async () => {
      const opened = await open();
      calc = calcClient(opened.conn);
      close = opened.close;
    });
    afterAll(() => close());

    it('round-trips dates, bigints, bytes, tuples, records, unions and optional recursion', async () => {
      expect(await calc.echo(sample)).toEqual(sample);
    });

    it('round-trips recursion through lazy', async () => {
      const tree: Tree = {
        value: 1,
        children: [{ value: 2, children: [{ value: 3, children: [] }] }],
      };
      expect(await calc.grow(tree)).toEqual({
        value: 2,
        children: [{ value: 3, children: [{ value: 4, children: [] }] }],
      });
    });

    it('round-trips union members with conversions', async () => {
      expect(await calc.area({ kind: 'rect', width: 2, height: 3, at: new Date(1) })).toBe(6);
      expect(await calc.area({ kind: 'circle', radius: 1 })).toBeCloseTo(Math.PI);
    });

    it('omits trailing undefined optionals and decodes Date results', async () => {
      expect(await calc.history('lobby')).toEqual([]);
      expect(await calc.history('lobby', undefined)).toEqual([]);
      expect(await calc.history('lobby', new Date(5000))).toEqual([new Date(5000), new Date(6000)]);
    });

    it('resolves void methods to undefined', async () => {
      expect(await calc.reset()).toBeUndefined();
    });

    it('round-trips bigints and bytes inside objects', async () => {
      const trip = {
        name: 't',
        legs: [['a', 1]] as [string, number][],
        budget: 12345678901234567890n,
        photo: new Uint8Array([1, 2, 3, 4, 5]),
      };
      const planned = await calc.plan(trip, [{ from: 'x', to: 'y', at: new Date(9) }]);
      expect(planned).toEqual({ ...trip, stops: [{ from: 'x', to: 'y', at: new Date(9) }] });
    });

    it('throws a ServiceError for an application error', async () => {
      const error = await calc.add(Number.MAX_SAFE_INTEGER, 1).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ServiceError);
      expect(error).toMatchObject({
        code: 'OVERFLOW',
        status: 422,
        message: 'a + b is not a safe integer',
        details: { a: Number.MAX_SAFE_INTEGER, b: 1 },
      });
    });

    it("throws the server's BAD_ARGUMENT with its path", async () => {
      const error = await calc
        .plan({ name: 't', legs: [['a', 'x' as unknown as number]] }, [])
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ContractError);
      expect(error).toMatchObject({
        code: 'BAD_ARGUMENT',
        status: 400,
        path: 'args[0].legs[0][1]',
        expected: 'a finite number',
        received: '"x"',
      });
    });

    it('throws INTERNAL without leaking the cause', async () => {
      const error = (await calc.fail('error').catch((e: unknown) => e)) as ContractError;
      expect(error).toMatchObject({ code: 'INTERNAL', status: 500 });
      expect(error.message).not.toContain('secret');
    });

    it('throws BAD_RESPONSE when the result does not fit the contract', async () => {
      expect(await calc.fail('bad-result').catch((e: unknown) => e)).toMatchObject({
        code: 'BAD_RESPONSE',
        path: 'result',
      });
    });
  });
}

const silent = { onError: () => undefined };

transportSuite('connectInProcess', () => {
  const router = createRouter({ services: [calcHandlers(createCalc())], base: '/rpc', ...silent });
  return Promise.resolve({ conn: connectInProcess(router), close: () => Promise.resolve() });
});

transportSuite('node:http (createServer().listen(0))', async () => {
  const server: ListeningServer = await createServer({
    services: [calcHandlers(createCalc())],
    base: '/rpc',
    ...silent,
  }).listen(0);
  expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/rpc$/);
  return { conn: connect(server.url), close: () => server.close() };
});

describe('client: transport failures and options', () => {
  const router = createRouter({ services: [calcHandlers(createCalc())], ...silent });

  it('turns a network failure into UNAVAILABLE with the cause', async () => {
    const server = await createServer({ services: [calcHandlers(createCalc())] }).listen(0);
    await server.close();
    const error = (await calcClient(connect(server.url))
      .add(1, 2)
      .catch((e: unknown) => e)) as ContractError;
    expect(error).toMatchObject({ code: 'UNAVAILABLE', status: 503 });
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('turns a slow answer into TIMEOUT', async () => {
    const never: typeof fetch = (_url, init) =>
      new Promise((_resolve, reject) =>
        init?.signal?.addEventListener('abort', () =>
          reject(new DOMException('aborted', 'AbortError')),
        ),
      );
    const error = await calcClient(connect('http://x', { fetch: never, timeout: 20 }))
      .add(1, 2)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'TIMEOUT' });
  });

  it('sends headers, asking a header function before each request', async () => {
    const seen: string[] = [];
    let token = 0;
    const spyFetch: typeof fetch = async (url, init) => {
      const request = new Request(url, init);
      seen.push(`${new URL(request.url).pathname} ${request.headers.get('authorization')}`);
      return router.fetch(request);
    };
    const calc = calcClient(
      connect('http://x/', {
        fetch: spyFetch,
        headers: () => ({ authorization: `Bearer ${++token}` }),
      }),
    );
    await calc.add(1, 2);
    await calc.add(1, 2);
    // The lazy _open carries them too: a server may bind the client id to the caller.
    expect(seen).toEqual(['/_open Bearer 1', '/Calc/add Bearer 2', '/Calc/add Bearer 3']);
  });

  it('reports answers that are not protocol answers', async () => {
    const html: typeof fetch = () =>
      Promise.resolve(new Response('<h1>Bad gateway</h1>', { status: 502 }));
    expect(
      await calcClient(connect('http://x', { fetch: html }))
        .add(1, 2)
        .catch((e: unknown) => e),
    ).toMatchObject({ code: 'UNAVAILABLE', status: 502 });
    const noResult: typeof fetch = () =>
      Promise.resolve(new Response('{"answer": 1}', { status: 200 }));
    expect(
      await calcClient(connect('http://x', { fetch: noResult }))
        .add(1, 2)
        .catch((e: unknown) => e),
    ).toMatchObject({ code: 'BAD_RESPONSE' });
  });

  it('refuses wrong arity and unencodable values before sending', async () => {
    const fetchSpy = vi.fn<typeof fetch>();
    const conn = connect('http://x', { fetch: fetchSpy });
    const { CalcService } = await import('./fixtures/contract.schema.js');
    await expect(conn.call(CalcService, 'add', [1, 2, 3])).rejects.toMatchObject({
      code: 'BAD_ARGUMENT',
      path: 'args',
    });
    await expect(conn.call(CalcService, 'history', ['a', 'yesterday'])).rejects.toMatchObject({
      code: 'BAD_ARGUMENT',
      path: 'args[1]',
    });
    await expect(conn.call(CalcService, 'nope', [])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
