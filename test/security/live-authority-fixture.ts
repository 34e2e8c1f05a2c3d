// A Ticker server whose principals change while their sockets are open:
// tokens can be revoked, groups taken away, a token can come to name
// another principal, and the hook can fail like a database that went down.
// Its hook also makes a rule by path (`/Ticker/add` needs the `math` group),
// the kind issue 18 found passed by `/Ticker/%61dd`. Every run of the hook
// is logged, so a test can see what ran per call and per socket.
import { WebSocket } from 'ws';
import {
  accessRules,
  ContractError,
  type AuthRequest,
  type Principal,
} from '@contract-gen/runtime/server';
import {
  createServer,
  type ContractServer,
  type ListeningServer,
  type ServerOptions,
} from '@contract-gen/runtime/server/node';
import { TickerService } from '../../conformance/generated/ticker.schema.js';
import { tickerHandlers } from '../../conformance/generated/ticker.server.js';
import { createTickerService } from '../../conformance/ticker-service.js';

/** The re-check interval under test, ms (the default is 30,000). */
export const interval = 200;

/** One run of the hook, as it saw the request. */
export interface HookRun {
  readonly token: string | undefined;
  readonly transport: string;
  readonly method: string;
  readonly path: string;
  readonly call: string | undefined;
}

/** A running server and the knobs its tests turn. */
export interface LiveServer {
  readonly server: ContractServer;
  readonly listening: ListeningServer;
  /** Principals by token; change one to change what the hook says from now on. */
  readonly tokens: Map<string, Principal>;
  /** Tokens the hook refuses from now on (401). */
  readonly revoked: Set<string>;
  /** Tokens whose check fails like a database that went down (a 500, reported to onError). */
  readonly failing: Set<string>;
  readonly runs: HookRun[];
  readonly faults: unknown[];
  /** `Ticker.<method>` of every handler call. */
  readonly reached: string[];
  /** A token of a new principal `id` in `groups`. */
  principal(id: string, groups: readonly string[]): string;
}

/** Starts a server with live authority; `options` override the fixture's (`liveAuth`, say). */
export async function startLiveServer(options: Partial<ServerOptions> = {}): Promise<LiveServer> {
  const tokens = new Map<string, Principal>();
  const revoked = new Set<string>();
  const failing = new Set<string>();
  const runs: HookRun[] = [];
  const faults: unknown[] = [];
  const reached: string[] = [];
  const real = createTickerService();
  const ticker = tickerHandlers({
    echo: (value, ctx) => (reached.push('Ticker.echo'), real.echo(value, ctx)),
    add: (a, b, ctx) => (reached.push('Ticker.add'), real.add(a, b, ctx)),
    subscribe: (symbol, events, ctx) => (
      reached.push('Ticker.subscribe'),
      real.subscribe(symbol, events, ctx)
    ),
    publish: (symbol, count, ctx) => (
      reached.push('Ticker.publish'),
      real.publish(symbol, count, ctx)
    ),
    subscribers: (symbol, ctx) => (
      reached.push('Ticker.subscribers'),
      real.subscribers(symbol, ctx)
    ),
  });
  const hook = (request: AuthRequest): Principal => {
    const header = request.header('authorization');
    const token = header?.startsWith('Bearer ') === true ? header.slice(7) : undefined;
    runs.push({
      token,
      transport: request.transport,
      method: request.method,
      path: request.path,
      call:
        request.call === undefined ? undefined : `${request.call.service}.${request.call.method}`,
    });
    if (token !== undefined && failing.has(token))
      throw new Error('the session database at 10.0.0.5 is down');
    const principal = token === undefined ? undefined : tokens.get(token);
    if (principal === undefined || revoked.has(token as string))
      throw new ContractError('UNAUTHENTICATED', 'The token was revoked: sign in again.');
    // A rule by path, as an application might write one: only mathematicians add.
    if (request.path === '/Ticker/add' && principal.groups?.includes('math') !== true)
      throw new ContractError('FORBIDDEN', 'Only the math group may add.');
    return principal;
  };
  const server = createServer({
    services: [ticker],
    auth: hook,
    access: accessRules([TickerService], {
      Ticker: { methods: { publish: { allow: ['admin'] } } },
    }),
    liveAuth: { interval },
    events: { ttl: 60_000, maxWait: 20_000 },
    onError: (error) => faults.push(error),
    ...options,
  });
  const listening = await server.listen(0);
  return {
    server,
    listening,
    tokens,
    revoked,
    failing,
    runs,
    faults,
    reached,
    principal(id, groups) {
      const token = `${id}-${tokens.size}`;
      tokens.set(token, { id, groups: [...groups] });
      return token;
    },
  };
}

/** A frame the server sent. */
export interface Frame {
  readonly type: string;
  readonly id?: number;
  readonly status?: number;
  readonly client?: string;
  readonly result?: unknown;
  readonly error?: { code: string; message: string; details?: unknown };
}

/** A welcomed raw socket: its frames, its close, and requests over it. */
export interface RawSocket {
  readonly ws: WebSocket;
  readonly frames: Frame[];
  readonly client: string;
  /** Resolves when the socket closes, with the server's code and reason. */
  readonly closed: Promise<{ code: number; reason: string }>;
  /** Sends a call frame; resolves with its answer frame. */
  call(method: string, args: readonly unknown[]): Promise<Frame>;
}

let nextId = 1;

/** Opens `_ws` with `token` and says hello; resolves once welcomed. */
export async function openSocket(url: string, token: string): Promise<RawSocket> {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/_ws`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const frames: Frame[] = [];
  const waiting = new Map<number, (frame: Frame) => void>();
  let welcome: ((frame: Frame) => void) | undefined;
  ws.on('message', (data) => {
    const frame = JSON.parse((data as Buffer).toString('utf8')) as Frame;
    frames.push(frame);
    if (frame.type === 'welcome') welcome?.(frame);
    if (frame.type === 'answer' && frame.id !== undefined) waiting.get(frame.id)?.(frame);
  });
  ws.on('error', () => undefined);
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') })),
  );
  const welcomed = new Promise<Frame>((resolve) => (welcome = resolve));
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('unexpected-response', () => reject(new Error(`upgrade refused for ${token}`)));
  });
  ws.send('{"type":"hello"}');
  const { client } = await welcomed;
  return {
    ws,
    frames,
    client: client as string,
    closed,
    call(method, args) {
      const id = nextId++;
      const answer = new Promise<Frame>((resolve) => waiting.set(id, resolve));
      ws.send(JSON.stringify({ type: 'call', id, service: 'Ticker', method, args }));
      return answer;
    },
  };
}

/** Waits until `check` holds, looking every few ms; fails after `ms`. */
export async function until(check: () => boolean | Promise<boolean>, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
