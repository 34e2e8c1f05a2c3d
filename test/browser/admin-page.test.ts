// The admin page in headless Chromium: a server with an auth hook and the
// page on; clients of different principals over a WebSocket and over long
// polls, subscribed to topics, one with events it has not read. An admin's
// page shows them with transport and principal, queue depths, topic members
// and the server's log with its offsets; a client that connects and one that closes show up without a
// reload. A principal named with markup is shown as text. Saves
// test-output/admin-page.png (and docs/admin.png with ADMIN_SCREENSHOT=docs).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Connection } from '@contract-gen/runtime/client';
import type { TickerEvents } from '../../conformance/contracts/ticker.js';
import { tickerClient } from '../../conformance/generated/ticker.client.js';
import { hostileName, startAdminServer, type AdminServer } from '../support/admin-server.js';
import { chromiumSkipReason, launchChromium } from './launch-chromium.js';

const root = join(import.meta.dirname, '../..');
const outputDir = join(root, 'test-output');

/** Generous: a busy machine may be slow, but the page must get there. */
const within = { timeout: 30_000 };

describe.skipIf(chromiumSkipReason() !== undefined)('the admin page in Chromium', () => {
  let running: AdminServer;
  let browser: Browser;
  let context: BrowserContext;
  const connections: Connection[] = [];

  beforeAll(async () => {
    running = await startAdminServer({ allow: ['admin'], interval: 250 });
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const conn of connections) await conn.close().catch(() => undefined);
    await context?.close();
    await browser?.close();
    await running?.listening.close();
  });

  const events: TickerEvents = { tick() {}, done() {} };

  /** A client of `token`'s principal over `transport`, subscribed to the topic of each symbol. */
  async function client(
    token: string,
    transport: 'websocket' | 'long-poll',
    ...symbols: string[]
  ): Promise<Connection> {
    const conn = connect(running.listening.url, {
      transport,
      WebSocket,
      headers: { authorization: `Bearer ${token}` },
    });
    connections.push(conn);
    for (const symbol of symbols) await tickerClient(conn).subscribe(symbol, { ...events });
    return conn;
  }

  /** A client opened by hand that subscribes and never reads: its events stay queued. */
  async function idleClient(token: string, symbol: string): Promise<string> {
    const post = (path: string, body: string, client?: string) =>
      fetch(running.listening.url + path, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          ...(client === undefined ? {} : { 'x-contract-client': client }),
        },
        body,
      });
    const { client } = (await (await post('/_open', '{}')).json()) as { client: string };
    expect((await post('/Ticker/subscribe', `["${symbol}", {"$cb": 1}]`, client)).status).toBe(200);
    return client;
  }

  /** The rows of the clients table as the page shows them. */
  function rows(page: Page) {
    return page.$$eval('#clients tr', (trs) =>
      trs.map((tr) => ({
        id: (tr as HTMLElement).dataset['client'],
        principal: tr.querySelector('.principal')?.textContent,
        transport: tr.querySelector('.transport')?.textContent,
        events: tr.querySelector('.events')?.textContent,
      })),
    );
  }

  it('shows clients with transport and principal, queue depths and topic members, and follows changes live', async () => {
    const ann = await client('ann', 'websocket', 'AAPL');
    await client('bob', 'long-poll', 'AAPL', 'MSFT');
    await client('mallory', 'long-poll', 'MSFT');
    const idle = await idleClient('bob', 'IDLE');
    await tickerClient(ann).publish('IDLE', 3);

    context = await browser.newContext({ viewport: { width: 1100, height: 720 } });
    await context.addCookies([{ name: 'session', value: 'root', url: running.listening.url }]);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => void errors.push(error.message));
    await page.goto(`${running.listening.url}/_admin`);
    await page.waitForSelector('#state[data-state="live"]', within);

    // Every client with its transport as this process sees it (the page's own is root's).
    await page.waitForFunction(
      () => {
        const transport = (principal: string) =>
          [...document.querySelectorAll<HTMLElement>('#clients tr')]
            .filter((tr) => tr.dataset['principal'] === principal)
            .map((tr) => tr.dataset['transport'])
            .sort()
            .join(',');
        return (
          transport('ann') === 'websocket' &&
          transport('bob') === ',long-poll' && // the idle one never read
          transport('root') === 'long-poll' &&
          [...document.querySelectorAll<HTMLElement>('#clients tr')].some(
            (tr) =>
              tr.dataset['transport'] === 'long-poll' &&
              tr.dataset['principal']?.startsWith('<img'),
          )
        );
      },
      undefined,
      within,
    );
    // Only the idle client's 3 events queued: another client may hold one a moment longer, until it acknowledges it.
    const summary =
      /^5 live clients · 3 events \(.+\) queued · this process: sockets 1, parked polls \d+$/;
    await page.waitForFunction(
      (source) => new RegExp(source).test(document.querySelector('#summary')?.textContent ?? ''),
      summary.source,
      within,
    );
    const shown = await rows(page);
    expect(shown).toHaveLength(5);
    expect(shown.find((row) => row.id === idle)).toMatchObject({
      principal: 'bob',
      transport: '—',
      events: '3',
    });
    expect(shown.find((row) => row.id === ann.clientId)).toMatchObject({
      principal: 'ann',
      events: '0',
    });

    // The principal named with markup is text: no element came of it, no script ran.
    const hostile = shown.find((row) => row.principal === hostileName);
    expect(hostile?.transport).toBe('long-poll');
    expect(await page.$$('#clients img, #topics img')).toHaveLength(0);
    expect(await page.title()).toBe('contract-gen admin');

    // Topics with their size and members, named by principal.
    await page.waitForSelector('#topics tr[data-topic="ticks:IDLE"]', within);
    const topics = await page.$$eval('#topics tr', (trs) =>
      Object.fromEntries(
        trs.map(
          (tr): [string, { size: string | null | undefined; members: (string | undefined)[] }] => [
            (tr as HTMLElement).dataset['topic'] ?? '',
            {
              size: tr.querySelector('.size')?.textContent,
              members: [...tr.querySelectorAll('li')]
                .map((li) => li.textContent?.split(' ')[0])
                .sort(),
            },
          ],
        ),
      ),
    );
    expect(topics).toEqual({
      'ticks:AAPL': { size: '2', members: ['ann', 'bob'] },
      'ticks:IDLE': { size: '1', members: ['bob'] },
      'ticks:MSFT': { size: '2', members: ['<img', 'bob'] },
    });
    expect(await page.textContent('#summary')).toMatch(summary);

    // The log: 3 ticks appended, the last 2 kept.
    const log = await page.$$eval('#logs tr', (trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)),
    );
    expect(log).toEqual([['ticks', 'TickerEvents', expect.any(String), '2', '2–3', '4']]);
    expect(await page.textContent('#logs-more')).toBe('');

    await screenshot(page);

    // Live: a client connects, then one closes; the page follows without a reload.
    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    const carol = await client('ann', 'websocket', 'NEW');
    await page.waitForSelector(
      `#clients tr[data-client="${carol.clientId}"][data-transport="websocket"]`,
      within,
    );
    await page.waitForSelector('#topics tr[data-topic="ticks:NEW"]', within);
    await carol.close();
    await page.waitForFunction(
      (id) => document.querySelector(`#clients tr[data-client="${id}"]`) === null,
      carol.clientId,
      within,
    );
    await page.waitForFunction(
      () => document.querySelector('#topics tr[data-topic="ticks:NEW"]') === null,
      undefined,
      within,
    );
    // An append moves the log's offsets on the page.
    await tickerClient(ann).publish('AAPL', 1);
    await page.waitForFunction(
      () =>
        document.querySelector('#logs tr[data-log="ticks"] .offsets')?.textContent === '3\u20134',
      undefined,
      within,
    );
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(
      true,
    );
    expect(errors).toEqual([]);
    expect(running.faults).toEqual([]);
  }, 120_000);
});

/**
 * Saves the page as test-output/admin-page.png, and as docs/admin.png when
 * ADMIN_SCREENSHOT=docs. Client ids are random and the clock moves, so
 * for a picture that changes only when the page does, ids are shown as
 * client-1, client-2, ... and the time as 12:00:00.
 */
async function screenshot(page: Page): Promise<void> {
  await page.evaluate(() => {
    const ids = [...document.querySelectorAll<HTMLElement>('#clients tr')].map(
      (tr) => tr.dataset['client'] ?? '',
    );
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      let text = node.textContent ?? '';
      ids.forEach((id, i) => {
        text = text
          .split(id)
          .join(`client-${i + 1}`)
          .split(id.slice(0, 8))
          .join(`client-${i + 1}`);
      });
      node.textContent = text.replace(/\d+ s ago/, '0 s ago');
    }
    document.getElementById('updated')!.textContent = 'updated 12:00:00';
    // Epochs are random too.
    for (const td of document.querySelectorAll('#logs td.id')) td.textContent = 'epoch-1';
  });
  const png = await page.screenshot({ fullPage: true });
  mkdirSync(outputDir, { recursive: true });
  writeFileSync(join(outputDir, 'admin-page.png'), png);
  if (process.env['ADMIN_SCREENSHOT'] === 'docs')
    writeFileSync(join(root, 'docs', 'admin.png'), png);
}
