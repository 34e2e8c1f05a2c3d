// Issue 8's table of hostile requests: each row is sent through both doors of
// a secured server (router.fetch and node:http) and must get its status and
// code, as a JSON error that leaks nothing, without reaching a handler and
// without polluting any prototype. The server must serve on afterwards.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Harness, type Door } from './harness.js';
import { hostileRows } from './hostile-requests.js';
import { startSecuredServer, type SecuredServer } from './security-fixture.js';

const doors: readonly Door[] = ['router.fetch', 'node:http'];

describe.each(doors)('hostile requests through %s', (door) => {
  let server: SecuredServer;
  let h: Harness;
  beforeAll(async () => {
    server = await startSecuredServer();
    h = new Harness(server, door);
  });
  afterEach(() => h.closeAll());
  afterAll(() => server.listening.close());

  it('has at least 40 rows', () => {
    expect(hostileRows.length).toBeGreaterThanOrEqual(40);
  });

  it.each(
    hostileRows
      .filter((row) => row.doors?.includes(door) ?? true)
      .map(
        (row) =>
          [
            `${row.group}: ${row.name} → ${row.status}${row.code === undefined ? '' : ` ${row.code}`}`,
            row,
          ] as const,
      ),
  )('%s', async (_, row) => {
    const answer = await row.attack(h);
    const text = await answer.text();
    expect({ status: answer.status, code: codeOf(text) }).toEqual({
      status: row.status,
      code: row.code,
    });
    // Issue 18: whatever was sent, an answer echoes little of it, and no browser may sniff or frame it.
    expect(text.length).toBeLessThanOrEqual(1_000);
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('content-security-policy')).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    );
    if (row.status >= 400) {
      expect(h.reachedByHit).toEqual([]); // refused: no handler ran
      const { error } = JSON.parse(text) as { error: { code: unknown; message: unknown } };
      expect(typeof error.message).toBe('string');
      expect(text).not.toMatch(/\n\s+at |node_modules|10\.0\.0\.5|\.ts:\d/); // no stack, path or internal detail
    }
    if (row.status === 500)
      expect(text).toBe(
        '{"error":{"code":"INTERNAL","message":"The server failed while handling the call; the details are in its log."}}',
      );
    expect(server.violations).toEqual([]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('keeps serving after the whole table, and only the failing hooks were faults', async () => {
    expect((await h.call('root', 'add', [1, 2])).status).toBe(200);
    expect(server.faults.map((f) => String(f))).toEqual([
      expect.stringContaining('10.0.0.5'), // the broken database of the 'boom' token, reported to onError only
      expect.stringContaining('auth hook returned a principal whose id'),
    ]);
  });
});

function codeOf(text: string): string | undefined {
  if (text === '') return undefined; // a preflight's 204
  const body = JSON.parse(text) as { error?: { code?: string } };
  return body.error?.code;
}
