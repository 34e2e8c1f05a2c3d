// A Ticker server with everything issue 8 adds switched on and set small, so
// each limit can be hit by a request of a few bytes: an auth hook over fixed
// tokens, access rules, and limits. Its handlers record every call and every
// ill-typed value they receive, so a test can assert that a refused request
// never reached the implementation.
import {
  accessRules,
  ContractError,
  type AuthRequest,
  type Principal,
  type Router,
} from '@contract-gen/runtime/server';
import { createServer, type ListeningServer } from '@contract-gen/runtime/server/node';
import type { Sample } from '../../conformance/contracts/ticker.js';
import { TickerService } from '../../conformance/generated/ticker.schema.js';
import { tickerHandlers } from '../../conformance/generated/ticker.server.js';
import { createTickerService } from '../../conformance/ticker-service.js';

/** Tokens the hook knows (`authorization: Bearer <token>`). Two tokens may name one principal. */
export const tokens: Readonly<Record<string, Principal>> = {
  ann: { id: 'ann', groups: ['user'] },
  'ann-2': { id: 'ann', groups: ['user'] },
  'ann-3': { id: 'ann', groups: ['user'] },
  bob: { id: 'bob', groups: ['user'] },
  root: { id: 'root', groups: ['admin'] },
  eve: { id: 'eve', groups: ['user', 'banned'] },
  ned: { id: 'ned' },
  many: { id: 'many', groups: ['user'] },
  crowd: { id: 'crowd', groups: ['user'] },
  victim: { id: 'victim', groups: ['user'] },
};

/** The one other origin the server lets in (with credentials): every other page is refused. */
export const trustedOrigin = 'https://app.example';

/** A page of another site. */
export const evilOrigin = 'https://evil.example';

/** The limits under test (the defaults are far larger). */
export const limits = {
  maxBodyBytes: 65_536,
  maxDepth: 16,
  maxItems: 100,
  maxStringLength: 1_000,
  maxBigIntDigits: 50,
  maxCallbacksPerClient: 3,
  maxClientsPerPrincipal: 3,
} as const;

/** How long a long poll may park here, ms. */
export const maxWait = 300;

/** How long a socket may take to say hello (the WebSocket ping timeout), ms. */
export const helloWithin = 500;

/** A valid Sample on the wire. */
export function sample(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    text: 't',
    count: 1,
    big: '12',
    at: '2026-11-22T10:11:12.345Z',
    bytes: 'AAEC',
    tags: ['x'],
    kind: 'a',
    pair: ['p', 2],
    attrs: { on: true },
    ...overrides,
  };
}

const isNumber = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);
function isSample(v: unknown): v is Sample {
  if (typeof v !== 'object' || v === null) return false;
  const x = v as Record<string, unknown>;
  return (
    typeof x['text'] === 'string' &&
    isNumber(x['count']) &&
    typeof x['big'] === 'bigint' &&
    x['at'] instanceof Date &&
    x['bytes'] instanceof Uint8Array
  );
}

/** A running secured server and what its implementation saw. */
export interface SecuredServer {
  readonly router: Router;
  readonly listening: ListeningServer;
  /** `Service.method` of every handler call, in order. */
  readonly reached: string[];
  /** Handler calls with a value that does not fit the contract (must stay empty). */
  readonly violations: string[];
  /** Server faults reported to onError. */
  readonly faults: unknown[];
  /** Tokens the hook refuses from now on as expired. */
  readonly revoked: Set<string>;
  /** `ctx.principal.id` of every handler call. */
  readonly callers: string[];
  /** How many times the auth hook ran. */
  readonly hooked: { count: number };
}

/** Starts a secured Ticker server on a free loopback port. */
export async function startSecuredServer(): Promise<SecuredServer> {
  const reached: string[] = [];
  const violations: string[] = [];
  const faults: unknown[] = [];
  const callers: string[] = [];
  const revoked = new Set<string>();
  const hooked = { count: 0 };
  const real = createTickerService();
  const seen = (method: string, ok: boolean, ctx: { principal: Principal }): void => {
    reached.push(`Ticker.${method}`);
    callers.push(ctx.principal.id);
    if (!ok) violations.push(method);
  };
  const ticker = tickerHandlers({
    echo: (value, ctx) => (seen('echo', isSample(value), ctx), real.echo(value, ctx)),
    add: (a, b, ctx) => (seen('add', isNumber(a) && isNumber(b), ctx), real.add(a, b, ctx)),
    subscribe: (symbol, events, ctx) => (
      seen('subscribe', typeof symbol === 'string' && typeof events.tick === 'function', ctx),
      real.subscribe(symbol, events, ctx)
    ),
    publish: (symbol, count, ctx) => (
      seen('publish', typeof symbol === 'string' && isNumber(count), ctx),
      real.publish(symbol, count, ctx)
    ),
    subscribers: (symbol, ctx) => (
      seen('subscribers', typeof symbol === 'string', ctx),
      real.subscribers(symbol, ctx)
    ),
  });
  const server = createServer({
    services: [ticker],
    auth: (request) => (hooked.count++, authenticate(request, revoked)),
    access: accessRules([TickerService], {
      Ticker: {
        allow: ['user', 'admin'],
        deny: ['banned'],
        methods: { publish: { allow: ['admin'] } },
      },
    }),
    limits,
    origins: { allow: [trustedOrigin], credentials: true },
    events: { ttl: 60_000, maxWait },
    webSocket: { ping: 5_000, pingTimeout: helloWithin },
    onError: (error) => faults.push(error),
  });
  const listening = await server.listen(0);
  return {
    router: server.router,
    listening,
    reached,
    violations,
    faults,
    revoked,
    callers,
    hooked,
  };
}

/**
 * The hook: `Bearer <token>` of a known, unrevoked token (or the same token
 * in the `session` cookie, as a browser sends it, or in the upgrade URL);
 * `boom` fails like a broken database; `shape` returns garbage.
 */
function authenticate(request: AuthRequest, revoked: ReadonlySet<string>): Principal {
  const header =
    request.header('authorization') ??
    /(?:^|; )session=([^;]*)/.exec(request.header('cookie') ?? '')?.[1] ??
    new URL(request.request.url).searchParams.get('access_token') ??
    undefined;
  if (header === undefined)
    throw new ContractError('UNAUTHENTICATED', 'Send authorization: Bearer <token>.');
  const token = header.startsWith('Bearer ') ? header.slice(7) : header;
  if (token === 'boom') throw new Error('connection to the user database at 10.0.0.5:5432 refused');
  if (token === 'shape') return { id: 42 } as unknown as Principal;
  if (revoked.has(token))
    throw new ContractError('UNAUTHENTICATED', 'The token expired: get a new one.');
  const principal = tokens[token];
  if (principal === undefined) throw new ContractError('UNAUTHENTICATED', 'Unknown token.');
  return principal;
}
