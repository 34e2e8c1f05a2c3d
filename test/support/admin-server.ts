// A Ticker server with an auth hook and the admin page, for the admin tests
// (test/security/admin-access.test.ts, test/browser/admin-page.test.ts):
// principals come from `authorization: Bearer <token>` (node clients) or a
// `session=<token>` cookie (a browser). `subscribe(symbol, events)` makes the
// callback a member of the topic `ticks:<symbol>`; `publish` ticks there and
// appends each tick to the log `ticks` too, which keeps the last two.
import {
  ContractError,
  type AdminOptions,
  type AuthRequest,
  type ClientStore,
  type Principal,
} from '@contract-gen/runtime/server';
import {
  createServer,
  type ContractServer,
  type ListeningServer,
} from '@contract-gen/runtime/server/node';
import type { Log } from '@contract-gen/runtime/server';
import type { TickerEvents } from '../../conformance/contracts/ticker.js';
import { TickerEventsCallback } from '../../conformance/generated/ticker.schema.js';
import { tickerHandlers } from '../../conformance/generated/ticker.server.js';

/** A principal whose name is markup: the page must show it as text. */
export const hostileName = `<img src=x onerror="document.title='pwned'">`;

/** Tokens the hook knows. */
export const adminTokens: Readonly<Record<string, Principal>> = {
  root: { id: 'root', groups: ['ops', 'admin'] },
  ann: { id: 'ann', groups: ['user'] },
  bob: { id: 'bob', groups: ['user'] },
  mallory: { id: hostileName, groups: ['user'] },
};

/** The token a request carries, from its bearer header or its `session` cookie. */
function tokenOf(request: AuthRequest): string | undefined {
  const bearer = /^Bearer (.+)$/.exec(request.header('authorization') ?? '')?.[1];
  if (bearer !== undefined) return bearer;
  return /(?:^|;\s*)session=([^;]+)/.exec(request.header('cookie') ?? '')?.[1];
}

/** The auth hook: a known token's principal, else 401. */
export function adminAuth(request: AuthRequest): Principal {
  const principal = adminTokens[tokenOf(request) ?? ''];
  if (principal === undefined) throw new ContractError('UNAUTHENTICATED', 'Sign in first.');
  return principal;
}

/** A listening server and its router's topics. */
export interface AdminServer {
  readonly server: ContractServer;
  readonly listening: ListeningServer;
  readonly faults: unknown[];
}

/** Starts the server on a free loopback port; `admin` absent: the page is off. */
export async function startAdminServer(
  admin: AdminOptions | undefined,
  store?: ClientStore,
): Promise<AdminServer> {
  const faults: unknown[] = [];
  let server: ContractServer | undefined = undefined;
  let log: Log<TickerEvents> | undefined = undefined;
  const topic = (symbol: string) =>
    server!.topic<TickerEvents>(TickerEventsCallback, `ticks:${symbol}`);
  const ticker = tickerHandlers({
    echo: (value) => value,
    add: (a, b) => a + b,
    subscribe: async (symbol, events) => {
      await topic(symbol).add(events);
      return topic(symbol).size();
    },
    publish: (symbol, count) => {
      for (let n = 1; n <= count; n++) {
        topic(symbol).tick(symbol, n, new Date(0));
        log?.tick(symbol, n, new Date(0));
      }
      return count;
    },
    subscribers: (symbol) => topic(symbol).size(),
  });
  server = createServer({
    services: [ticker],
    auth: adminAuth,
    ...(admin === undefined ? {} : { admin }),
    ...(store === undefined ? {} : { events: { store } }),
    onError: (error) => void faults.push(error),
  });
  log = server.log<TickerEvents>(TickerEventsCallback, 'ticks', { maxEvents: 2 });
  const listening = await server.listen(0, '127.0.0.1');
  return { server, listening, faults };
}
