// Issue 18, item 2: a socket loses its rights with its principal. A revoked
// token closes the open socket at the next re-check (4401), `disconnect`
// closes it and answers parked polls at once, the client runtime reports why
// and comes back with a fresh token; a principal that lost a group is
// refused on its next call over the socket; calls over a socket reach the
// hook, which is told the decoded method, so `/Ticker/%61dd` meets the rule
// on `/Ticker/add` over HTTP and WebSocket alike.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { bearerToken, connect, type ConnectOptions } from '@contract-gen/runtime/client';
import { WS_CLOSE } from '@contract-gen/runtime/protocol';
import { ContractError, createRouter } from '@contract-gen/runtime/server';
import type { TickerEvents } from '../../conformance/contracts/ticker.js';
import { tickerClient } from '../../conformance/generated/ticker.client.js';
import { tickerHandlers } from '../../conformance/generated/ticker.server.js';
import { createTickerService } from '../../conformance/ticker-service.js';
import { openSocket, startLiveServer, until, type LiveServer } from './live-authority-fixture.js';

let s: LiveServer;
beforeAll(async () => {
  s = await startLiveServer();
});
afterAll(() => s.listening.close());

const OPEN = 1;

/** `POST {path}` with `token`, JSON `args`. */
function post(path: string, token: string, args: readonly unknown[]): Promise<Response> {
  return fetch(`${s.listening.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(args),
  });
}

describe('a revoked token', () => {
  it('closes the open socket at the next re-check, with 4401 after the 401 that says why', async () => {
    const token = s.principal('rita', ['user']);
    const socket = await openSocket(s.listening.url, token);
    expect((await socket.call('subscribers', ['R'])).status).toBe(200);
    s.revoked.add(token);
    // Nothing is sent on the socket from here on: only the periodic re-check (every 200 ms here) can close it.
    const { code, reason } = await socket.closed;
    expect(code).toBe(WS_CLOSE.unauthenticated);
    expect(reason).toBe('credentials refused');
    expect(socket.frames.at(-1)).toMatchObject({
      type: 'error',
      status: 401,
      error: { code: 'UNAUTHENTICATED', message: 'The token was revoked: sign in again.' },
    });
    // The re-check is the hook again, on the upgrade: no call named.
    expect(s.runs.filter((run) => run.token === token).at(-1)).toEqual({
      token,
      transport: 'websocket',
      method: 'GET',
      path: '/_ws',
      call: undefined,
    });
  });

  it('is refused on the next call over the socket, which then closes without waiting for the interval', async () => {
    const slow = await startLiveServer({ liveAuth: { interval: 60_000 } });
    try {
      const token = slow.principal('rick', ['user']);
      const socket = await openSocket(slow.listening.url, token);
      slow.revoked.add(token);
      expect(await socket.call('subscribers', ['R'])).toMatchObject({
        status: 401,
        error: { code: 'UNAUTHENTICATED' },
      });
      expect((await socket.closed).code).toBe(WS_CLOSE.unauthenticated);
      expect(slow.reached).toEqual([]);
    } finally {
      await slow.listening.close();
    }
  });
});

describe('disconnect', () => {
  it("closes a principal's sockets at once, with its reason, and leaves other principals' open", async () => {
    const token = s.principal('dora', ['user']);
    const other = s.principal('olaf', ['user']);
    const first = await openSocket(s.listening.url, token);
    const second = await openSocket(s.listening.url, token);
    const bystander = await openSocket(s.listening.url, other);
    expect(await s.server.disconnect('dora', 'An administrator signed you out.')).toBe(2);
    for (const socket of [first, second]) {
      expect(await socket.closed).toEqual({
        code: WS_CLOSE.unauthenticated,
        reason: 'disconnected',
      });
      expect(socket.frames.at(-1)).toEqual({
        type: 'error',
        status: 401,
        error: {
          code: 'UNAUTHENTICATED',
          message: 'An administrator signed you out.',
          details: { reason: 'disconnected' },
        },
      });
    }
    expect(bystander.ws.readyState).toBe(OPEN);
    expect((await bystander.call('subscribers', ['D'])).status).toBe(200);
    bystander.ws.close();
  });

  it("answers the principal's parked long poll at once with the 401", async () => {
    const token = s.principal('paul', ['user']);
    const opened = (await (await post('/_open', token, [])).json()) as { client: string };
    const polling = fetch(`${s.listening.url}/_events?after=0&wait=20000`, {
      headers: { authorization: `Bearer ${token}`, 'x-contract-client': opened.client },
    });
    // Asked until the poll is parked (it ends nothing before): then it ends exactly that poll.
    let ended = 0;
    await until(async () => (ended = await s.server.disconnect('paul', 'Signed out.')) > 0);
    expect(ended).toBe(1);
    const answer = await polling;
    expect(answer.status).toBe(401);
    expect(await answer.json()).toEqual({
      error: {
        code: 'UNAUTHENTICATED',
        message: 'Signed out.',
        details: { reason: 'disconnected' },
      },
    });
    // Its client lives on: a principal whose credentials still pass reads on from where it was.
    const next = await fetch(`${s.listening.url}/_events?after=0&wait=0`, {
      headers: { authorization: `Bearer ${token}`, 'x-contract-client': opened.client },
    });
    expect(next.status).toBe(200);
  });

  it("by client id closes that client's socket only", async () => {
    const token = s.principal('cleo', ['user']);
    const target = await openSocket(s.listening.url, token);
    const sibling = await openSocket(s.listening.url, token);
    expect(s.server.disconnectClient(target.client)).toBe(1);
    expect((await target.closed).code).toBe(WS_CLOSE.unauthenticated);
    expect(target.frames.at(-1)).toMatchObject({
      error: { code: 'UNAUTHENTICATED', details: { reason: 'disconnected' } },
    });
    expect(sibling.ws.readyState).toBe(OPEN);
    sibling.ws.close();
  });
});

describe('the client runtime', () => {
  const transport = {
    transport: 'websocket',
    WebSocket: WebSocket as unknown as NonNullable<ConnectOptions['WebSocket']>,
  } as const;

  it('reports why its socket closed, asks its token provider again, and reads on with the new token', async () => {
    const first = s.principal('cara', ['user']);
    const second = s.principal('cara', ['user']);
    const issued: string[] = [];
    const conn = connect(s.listening.url, {
      ...transport,
      backoff: { initial: 10, max: 50 },
      token: bearerToken(() => {
        const token = issued.length === 0 ? first : second;
        issued.push(token);
        return token;
      }),
    });
    const reports: unknown[] = [];
    conn.onState((state, error) => state === 'offline' && reports.push(error));
    const seen: string[] = [];
    const events: TickerEvents = {
      tick: (_symbol, n) => void seen.push(`tick ${n}`),
      done: (_symbol, total) => void seen.push(`done ${total}`),
    };
    await tickerClient(conn).subscribe('CARA', events);
    const id = conn.clientId;
    // Revoked once its socket is up (an upgrade refused is all a browser sees of a 401: no reason to report).
    await until(() => s.runs.some((run) => run.token === first && run.path === '/_ws'));
    s.revoked.add(first);
    await until(() => reports.length > 0);
    expect(reports[0]).toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'The token was revoked: sign in again.',
    });
    await until(() => conn.state === 'online' && issued.length === 2);
    expect(issued).toEqual([first, second]);
    const admin = s.principal('ada', ['admin']);
    expect((await post('/Ticker/publish', admin, ['CARA', 1])).status).toBe(200);
    await until(() => seen.length === 2);
    expect(seen).toEqual(['tick 1', 'done 1']);
    expect(conn.clientId).toBe(id); // the same client: nothing lost
    await conn.close();
  });

  it('reports a disconnect with its reason', async () => {
    const token = s.principal('dina', ['user']);
    const conn = connect(s.listening.url, { ...transport, token: bearerToken(() => token) });
    const reports: unknown[] = [];
    conn.onState((state, error) => state === 'offline' && reports.push(error));
    await tickerClient(conn).subscribers('DINA');
    await until(() => conn.transport === 'websocket' && conn.state === 'online');
    await until(async () => (await s.server.disconnect('dina', 'Your session ended.')) > 0);
    await until(() => reports.length > 0);
    expect(reports[0]).toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'Your session ended.',
      details: { reason: 'disconnected' },
    });
    await conn.close();
  });
});

describe('calls over a socket', () => {
  it('reach the hook, told the transport and the decoded method', async () => {
    const token = s.principal('hugo', ['user']);
    const socket = await openSocket(s.listening.url, token);
    await socket.call('subscribers', ['H']);
    expect(s.runs.filter((run) => run.token === token).at(-1)).toEqual({
      token,
      transport: 'websocket',
      method: 'POST',
      path: '/Ticker/subscribers',
      call: 'Ticker.subscribers',
    });
    socket.ws.close();
  });

  it('run as the principal the hook says now: one that lost a group is refused on its next call', async () => {
    const token = s.principal('gwen', ['user', 'admin']);
    const socket = await openSocket(s.listening.url, token);
    expect((await socket.call('publish', ['G', 1])).status).toBe(200);
    s.tokens.set(token, { id: 'gwen', groups: ['user'] });
    expect(await socket.call('publish', ['G', 1])).toMatchObject({
      status: 403,
      error: { code: 'FORBIDDEN' },
    });
    // Refused a call, not the socket: it stays open for what the principal may still do.
    expect((await socket.call('subscribers', ['G'])).status).toBe(200);
    expect(socket.ws.readyState).toBe(OPEN);
    socket.ws.close();
  });

  it("with calls: 'principal', use the socket's principal as of its last check, which reauthenticate renews", async () => {
    const cheap = await startLiveServer({ liveAuth: { interval: 60_000, calls: 'principal' } });
    try {
      const token = cheap.principal('ivan', ['user', 'admin']);
      const socket = await openSocket(cheap.listening.url, token);
      const runs = cheap.runs.length;
      expect((await socket.call('publish', ['I', 1])).status).toBe(200);
      expect(cheap.runs.length).toBe(runs); // no hook per call
      cheap.tokens.set(token, { id: 'ivan', groups: ['user'] });
      await cheap.server.reauthenticate('ivan');
      expect(await socket.call('publish', ['I', 1])).toMatchObject({ status: 403 });
      expect(socket.ws.readyState).toBe(OPEN);
      socket.ws.close();
    } finally {
      await cheap.listening.close();
    }
  });

  it('meet a reauthenticate that the app made cheaper', async () => {
    const asked: string[] = [];
    const custom = await startLiveServer({
      liveAuth: {
        interval: 60_000,
        reauthenticate: (principal) => {
          asked.push(principal.id);
          return { id: principal.id, groups: [] };
        },
      },
    });
    try {
      const token = custom.principal('jill', ['user', 'admin']);
      const socket = await openSocket(custom.listening.url, token);
      const before = custom.runs.length;
      await custom.server.reauthenticate();
      expect(asked).toEqual(['jill']);
      expect(custom.runs.length).toBe(before); // the re-check did not run the hook
      expect(socket.ws.readyState).toBe(OPEN);
      socket.ws.close();
    } finally {
      await custom.listening.close();
    }
  });
});

describe('a re-check', () => {
  it('that names another principal closes the socket with 4403 FOREIGN_CLIENT: its client is not theirs', async () => {
    const token = s.principal('kate', ['user']);
    const socket = await openSocket(s.listening.url, token);
    s.tokens.set(token, { id: 'mallory', groups: ['user'] });
    await s.server.reauthenticate('kate');
    expect((await socket.closed).code).toBe(WS_CLOSE.forbidden);
    expect(socket.frames.at(-1)).toMatchObject({
      type: 'error',
      status: 403,
      error: { code: 'FOREIGN_CLIENT' },
    });
  });

  it('refused with 403 by an app-supplied reauthenticate closes the socket with 4403 and its message', async () => {
    const suspended = new Set<string>();
    const custom = await startLiveServer({
      liveAuth: {
        interval: 60_000,
        reauthenticate: (principal) => {
          if (suspended.has(principal.id))
            throw new ContractError('FORBIDDEN', 'This account is suspended.');
          return principal;
        },
      },
    });
    try {
      const token = custom.principal('liam', ['user']);
      const socket = await openSocket(custom.listening.url, token);
      await custom.server.reauthenticate('liam');
      expect(socket.ws.readyState).toBe(OPEN);
      suspended.add('liam');
      await custom.server.reauthenticate('liam');
      expect(await socket.closed).toEqual({ code: WS_CLOSE.forbidden, reason: 'access refused' });
      expect(socket.frames.at(-1)).toMatchObject({
        type: 'error',
        status: 403,
        error: { code: 'FORBIDDEN', message: 'This account is suspended.' },
      });
    } finally {
      await custom.listening.close();
    }
  });

  it('whose hook fails keeps the socket and its principal until the next check, and onError hears why', async () => {
    const token = s.principal('nora', ['user']);
    const socket = await openSocket(s.listening.url, token);
    s.failing.add(token);
    const faults = s.faults.length;
    await s.server.reauthenticate('nora');
    expect(socket.ws.readyState).toBe(OPEN);
    expect(String(s.faults.slice(faults)[0])).toContain('10.0.0.5');
    s.failing.delete(token);
    expect((await socket.call('subscribers', ['N'])).status).toBe(200);
    socket.ws.close();
  });
});

describe('a rule by path in the hook', () => {
  const spellings = ['add', '%61dd', '%61%64%64'];

  it.each(spellings)('holds over HTTP against /Ticker/%s', async (method) => {
    const token = s.principal('pete', ['user']);
    const before = s.reached.length;
    const answer = await post(`/Ticker/${method}`, token, [1, 2]);
    expect(answer.status).toBe(403);
    expect(await answer.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(s.runs.at(-1)).toMatchObject({ path: '/Ticker/add', call: 'Ticker.add' });
    expect(s.reached.slice(before)).toEqual([]);
  });

  it.each(spellings)('holds over WebSocket against a call frame naming %s', async (method) => {
    const token = s.principal('quin', ['user']);
    const socket = await openSocket(s.listening.url, token);
    const before = s.reached.length;
    expect(await socket.call(method, [1, 2])).toMatchObject({
      status: 403,
      error: { code: 'FORBIDDEN' },
    });
    expect(s.reached.slice(before)).toEqual([]);
    socket.ws.close();
  });

  it('lets the group it names through, however the method is spelt', async () => {
    const token = s.principal('rosa', ['user', 'math']);
    expect(await (await post('/Ticker/%61dd', token, [1, 2])).json()).toEqual({ result: 3 });
    const socket = await openSocket(s.listening.url, token);
    expect(await socket.call('%61dd', [1, 2])).toMatchObject({ status: 200, result: 3 });
    socket.ws.close();
  });
});

describe('afterwards', () => {
  it('the server still answers: a new socket is welcomed and calls, and so does HTTP', async () => {
    const token = s.principal('after', ['math']);
    const socket = await openSocket(s.listening.url, token);
    expect(await socket.call('add', [1, 2])).toMatchObject({ status: 200, result: 3 });
    socket.ws.close();
    expect(await (await post('/Ticker/add', token, [2, 2])).json()).toEqual({ result: 4 });
  });
});

describe('startup', () => {
  const services = [tickerHandlers(createTickerService())];
  const auth = () => ({ id: 'x' });

  it.each([
    ['liveAuth without auth', { services, liveAuth: {} }, /re-checks what the auth hook said/],
    ['a zero interval', { services, auth, liveAuth: { interval: 0 } }, /must be a positive/],
    ['a misspelt key', { services, auth, liveAuth: { intreval: 5 } }, /unknown key 'intreval'/],
    ['another calls', { services, auth, liveAuth: { calls: 'never' } }, /'hook' or 'principal'/],
    [
      'a reauthenticate that is not a function',
      { services, auth, liveAuth: { reauthenticate: 1 } },
      /must be a function/,
    ],
  ])('refuses %s', (_, options, message) => {
    expect(() => createRouter(options as Parameters<typeof createRouter>[0])).toThrow(message);
  });

  it('refuses disconnect and reauthenticate without an auth hook, where there are no principals', () => {
    const router = createRouter({ services });
    expect(() => router.disconnect('ann')).toThrow(/only a router with an auth hook/);
    expect(() => router.disconnectClient('c')).toThrow(/only a router with an auth hook/);
    expect(() => router.reauthenticate()).toThrow(/only a router with an auth hook/);
  });
});
