// The admin page is secure by default: off unless asked for (its path is then
// as unknown as any other), refused at startup without an auth hook, and
// behind the hook (401) and its group rule (403) when on; the page carries
// its own content security policy. Its service, which pushes the snapshots,
// is behind the same rule.
import { afterEach, describe, expect, it } from 'vitest';
import {
  ContractError,
  createRouter,
  type AdminSnapshot,
  type RouterOptions,
} from '@contract-gen/runtime/server';
import { tickerHandlers } from '../../conformance/generated/ticker.server.js';
import { createTickerService } from '../../conformance/ticker-service.js';
import { adminAuth, startAdminServer, type AdminServer } from '../support/admin-server.js';

let running: AdminServer | undefined;
afterEach(async () => {
  await running?.listening.close();
  running = undefined;
});

async function get(path: string, token?: string): Promise<Response> {
  const headers: Record<string, string> =
    token === undefined ? {} : { authorization: `Bearer ${token}` };
  return fetch(running!.listening.url + path, { headers });
}

async function post(path: string, body: string, token: string, client?: string): Promise<Response> {
  return fetch(running!.listening.url + path, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      ...(client === undefined ? {} : { 'x-contract-client': client }),
    },
    body,
  });
}

async function errorCode(response: Response): Promise<string> {
  expect(response.headers.get('content-type')).toBe('application/json');
  return ((await response.json()) as { error: { code: string } }).error.code;
}

describe('the admin page, off by default', () => {
  it('is an unknown path: 404 to an admin, the 401 of any path to the anonymous', async () => {
    running = await startAdminServer(undefined);
    for (const path of ['/_admin', '/_admin/admin.js']) {
      const page = await get(path, 'root');
      expect(page.status).toBe(404);
      expect(await errorCode(page)).toBe('NOT_FOUND');
      expect((await get(path)).status).toBe(401);
    }
    const watch = await post('/ContractAdmin/watch', '[]', 'root');
    expect(watch.status).toBe(404);
  });
});

describe('the admin page, on', () => {
  it('refuses the anonymous (401) and principals outside the groups (403), with JSON errors', async () => {
    running = await startAdminServer({ allow: ['admin'] });
    for (const path of ['/_admin', '/_admin/admin.js', '/_admin/admin.css', '/_admin/other']) {
      const anonymous = await get(path);
      expect(anonymous.status).toBe(401);
      expect(await errorCode(anonymous)).toBe('UNAUTHENTICATED');
      const user = await get(path, 'ann');
      expect(user.status).toBe(403);
      expect(await errorCode(user)).toBe('FORBIDDEN');
      expect(await (await get(path, 'ann')).text()).not.toContain('<html');
    }
  });

  it('serves the page, its script and its style sheet to an admin, with the page policy and no caching', async () => {
    running = await startAdminServer({ allow: ['admin'] });
    const page = await get('/_admin', 'root');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toContain('<script src="/_admin/admin.js" defer></script>');
    expect(html).not.toMatch(/<script>|<style>| on[a-z]+=/);
    const script = await get('/_admin/admin.js', 'root');
    expect([script.status, script.headers.get('content-type')]).toEqual([
      200,
      'text/javascript; charset=utf-8',
    ]);
    const style = await get('/_admin/admin.css', 'root');
    expect([style.status, style.headers.get('content-type')]).toEqual([
      200,
      'text/css; charset=utf-8',
    ]);
    expect((await get('/_admin/nothing', 'root')).status).toBe(404);
    const other = await fetch(running.listening.url + '/_admin', {
      method: 'POST',
      headers: { authorization: 'Bearer root' },
    });
    expect([other.status, other.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
    // Every other answer keeps the router's policy.
    expect((await get('/_health')).headers.get('content-security-policy')).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    );
  });

  it('lets only the allowed groups watch; an admin gets a snapshot of the clients over its callback', async () => {
    running = await startAdminServer({ allow: ['admin'] });
    const open = async (token: string) =>
      ((await (await post('/_open', '{}', token)).json()) as { client: string }).client;
    const annClient = await open('ann');
    const refused = await post('/ContractAdmin/watch', '[{"$cb":1}]', 'ann', annClient);
    expect(refused.status).toBe(403);
    expect(await errorCode(refused)).toBe('FORBIDDEN');

    const rootClient = await open('root');
    const watched = await post('/ContractAdmin/watch', '[{"$cb":1}]', 'root', rootClient);
    expect(watched.status).toBe(200);
    const events = await fetch(`${running.listening.url}/_events?after=0&wait=0`, {
      headers: { authorization: 'Bearer root', 'x-contract-client': rootClient },
    });
    const body = (await events.json()) as {
      events: { cb: number; method: string; args: [AdminSnapshot] }[];
    };
    expect(body.events[0]).toMatchObject({ cb: 1, method: 'snapshot' });
    const snapshot = body.events[0]!.args[0];
    expect(snapshot.listed).toBe(true);
    expect(snapshot.totalClients).toBe(2);
    expect(new Map(snapshot.clients.map((c) => [c.id, c.principal]))).toEqual(
      new Map([
        [annClient, 'ann'],
        [rootClient, 'root'],
      ]),
    );
    // The router's log, nothing appended yet.
    expect(snapshot.logs.map(({ epoch, ...log }) => ({ ...log, epoch: typeof epoch }))).toEqual([
      { name: 'ticks', iface: 'TickerEvents', epoch: 'string', first: 1, next: 1 },
    ]);
    expect(snapshot.moreLogs).toBe(false);
  });

  it('answers through router.fetch alike (the web door), with the page policy', async () => {
    const router = createRouter({
      services: [tickerHandlers(createTickerService())],
      auth: adminAuth,
      admin: { allow: ['admin'], path: '/ops' },
      base: '/api',
    });
    try {
      const page = await router.fetch(
        new Request('http://admin.test/api/ops', { headers: { authorization: 'Bearer root' } }),
      );
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      const html = await page.text();
      expect(html).toContain('data-base="/api"');
      expect(html).toContain('href="/api/ops/admin.css"');
      const user = await router.fetch(
        new Request('http://admin.test/api/ops', { headers: { authorization: 'Bearer bob' } }),
      );
      expect(user.status).toBe(403);
      expect(
        (
          await router.fetch(
            new Request('http://admin.test/api/_admin', {
              headers: { authorization: 'Bearer root' },
            }),
          )
        ).status,
      ).toBe(404);
    } finally {
      await router.close();
    }
  });
});

describe('the admin page, startup checks', () => {
  const services = [tickerHandlers(createTickerService())];
  const build = (options: Partial<RouterOptions>) => () =>
    void createRouter({ services, ...options }).close();
  const auth = (): never => {
    throw new ContractError('UNAUTHENTICATED', 'no');
  };

  it.each([
    ['on without an auth hook', { admin: { allow: ['admin'] } }, /admin needs an auth hook/],
    ['without groups', { auth, admin: { allow: [] } }, /admin.allow must name the groups/],
    ['with an empty group', { auth, admin: { allow: [''] } }, /admin.allow must name the groups/],
    [
      'with the event channel off',
      { auth, events: false as const, admin: { allow: ['admin'] } },
      /do not turn `events` off/,
    ],
    [
      'at a protocol path',
      { auth, admin: { allow: ['admin'], path: '/_events' } },
      /one of the protocol's own paths/,
    ],
    [
      'at a path of two segments',
      { auth, admin: { allow: ['admin'], path: '/a/b' } },
      /one path segment/,
    ],
    [
      'with a bad interval',
      { auth, admin: { allow: ['admin'], interval: 0 } },
      /admin.interval must be a positive integer/,
    ],
    [
      'with access rules of its own for the admin service',
      { auth, admin: { allow: ['admin'] }, access: { ContractAdmin: { allow: ['user'] } } },
      /access.ContractAdmin is set by admin.allow/,
    ],
  ])('refuses the admin page %s', (_name, options, message) => {
    expect(build(options as Partial<RouterOptions>)).toThrow(message);
  });

  it('builds with an auth hook and groups', () => {
    expect(build({ auth, admin: { allow: ['admin'] } })).not.toThrow();
  });
});
