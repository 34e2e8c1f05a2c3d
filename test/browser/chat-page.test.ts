// The chat example's page in headless Chromium: two people (each in a browser
// context of their own) join, chat both ways, and one goes offline (network
// emulation) while the other posts 50 messages; back online, that page shows
// all 50, once each, in order. Saves test-output/chat-two-pages.png.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListeningServer } from '@contract-gen/runtime/server/node';
import { startChatServer } from '../../examples/chat/server.js';
import { bundleChatPage } from '../../scripts/bundle-chat-page.mjs';
import { chromiumSkipReason, launchChromium } from './launch-chromium.js';
import { composeScreenshots } from './compose-screenshots.js';

const outputDir = join(import.meta.dirname, '../../test-output');
const screenshotPath = join(outputDir, 'chat-two-pages.png');

describe.skipIf(chromiumSkipReason() !== undefined)('the chat page in Chromium', () => {
  let pageFolder: string;
  let server: ListeningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    pageFolder = await bundleChatPage(mkdtempSync(join(tmpdir(), 'contract-gen-chat-page-')));
    server = await startChatServer(0, '127.0.0.1', pageFolder);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(pageFolder, { recursive: true, force: true });
  });

  /** A person at their own browser (a context of their own, so going offline affects them alone), joined to `room`. */
  async function person(
    name: string,
    room: string,
  ): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 620, height: 820 } });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) =>
      console.warn(`${name}'s page: ${error.stack ?? error.message}`),
    );
    await page.goto(server.url);
    await expect(badge(page)).resolves.toBe('idle');
    await page.fill('#name', name);
    await page.fill('#room', room);
    await page.click('#join button');
    await page.waitForSelector('#chat:not([hidden])');
    return { context, page };
  }

  it('chats both ways, and a page back from offline shows the 50 messages it missed once each, in order', async () => {
    const ann = await person('ann', 'lobby');
    const bob = await person('bob', 'lobby');
    await waitForText(ann.page, '#messages', 'bob joined');
    expect(await members(ann.page)).toEqual(['ann', 'bob']);
    expect(await members(bob.page)).toEqual(['ann', 'bob']);
    expect(await badge(ann.page)).toBe('online');
    // Chromium has a WebSocket and the example serves one: events start over it.
    expect(await bob.page.getAttribute('#badge', 'data-transport')).toBe('websocket');

    await say(ann.page, 'hi bob');
    await waitForMessages(bob.page, 1);
    await say(bob.page, 'hi ann');
    const conversation = ['ann: hi bob', 'bob: hi ann'];
    await waitForMessages(ann.page, 2);
    await waitForMessages(bob.page, 2);
    expect(await messages(ann.page)).toEqual(conversation);
    expect(await messages(bob.page)).toEqual(conversation);

    // Bob's network goes away; his page lets go of its socket (or held poll) at the browser's 'offline' event and says so.
    await bob.context.setOffline(true);
    await bob.page.waitForSelector('#badge[data-state="offline"]', { timeout: 30_000 });

    const fifty = Array.from({ length: 50 }, (_, i) => `ann: message ${i + 1} of 50`);
    for (let i = 1; i <= 50; i++) await say(ann.page, `message ${i} of 50`);
    await waitForMessages(ann.page, 52);
    expect(await messages(ann.page)).toEqual([...conversation, ...fifty]);
    expect(await messages(bob.page)).toEqual(conversation);
    // The server's presence hook: bob's connection has been gone for its grace (5 s), so ann sees him away.
    await ann.page.waitForSelector('#members li[data-name="bob"][data-presence="away"]', {
      timeout: 30_000,
    });

    await bob.context.setOffline(false);
    await bob.page.waitForSelector('#badge[data-state="online"]', { timeout: 30_000 });
    await waitForMessages(bob.page, 52);
    console.log(
      `bob's page came back over ${await bob.page.getAttribute('#badge', 'data-transport')}`,
    );
    await bob.page.waitForTimeout(300); // a repeat would arrive right behind
    expect(await messages(bob.page)).toEqual([...conversation, ...fifty]);
    // Back: the reconnect hook shows him as before.
    await ann.page.waitForSelector('#members li[data-name="bob"][data-presence="online"]', {
      timeout: 30_000,
    });

    mkdirSync(outputDir, { recursive: true });
    writeFileSync(
      screenshotPath,
      await composeScreenshots(browser, [
        { label: 'ann (stayed online, posted 50)', png: await ann.page.screenshot() },
        {
          label: 'bob (offline while ann posted them; shows all 50, once, in order)',
          png: await bob.page.screenshot(),
        },
      ]),
    );

    // Members come and go: bob leaves, ann sees it.
    await bob.page.click('#leave');
    await waitForText(ann.page, '#messages', 'bob left');
    expect(await members(ann.page)).toEqual(['ann']);
    expect(await badge(bob.page)).toBe('idle');
  }, 120_000);

  it('shows a member leave as soon as their tab closes', async () => {
    const dee = await person('dee', 'porch');
    const eli = await person('eli', 'porch');
    await waitForText(dee.page, '#messages', 'eli joined');
    // pagehide closes the connection (a keepalive POST _close), so the server releases eli's callbacks now, not at expiry.
    await eli.page.close({ runBeforeUnload: true });
    await waitForText(dee.page, '#messages', 'eli left');
    expect(await members(dee.page)).toEqual(['dee']);
  });

  it('refuses a name already taken in the room, and says so', async () => {
    await person('cleo', 'den');
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(server.url);
    await page.fill('#name', 'cleo');
    await page.fill('#room', 'den');
    await page.click('#join button');
    await waitForText(page, '#join-error', 'already called');
    expect(await page.isHidden('#chat')).toBe(true);
    expect(await badge(page)).toBe('idle');
  });
});

async function say(page: Page, text: string): Promise<void> {
  await page.fill('#text', text);
  await page.press('#text', 'Enter');
}

function badge(page: Page): Promise<string | null> {
  return page.getAttribute('#badge', 'data-state');
}

function members(page: Page): Promise<string[]> {
  return page.$$eval('#members li', (items) => items.map((item) => item.textContent ?? ''));
}

/** Every message shown, as "by: text", in page order. */
function messages(page: Page): Promise<string[]> {
  return page.$$eval('#messages li.message', (items) =>
    items.map(
      (item) =>
        `${item.querySelector('.by')?.textContent}: ${item.querySelector('.text')?.textContent}`,
    ),
  );
}

async function waitForMessages(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    (n) => document.querySelectorAll('#messages li.message').length >= n,
    count,
    { timeout: 30_000 },
  );
}

async function waitForText(page: Page, selector: string, text: string): Promise<void> {
  await page.waitForFunction(
    ([s, t]) => document.querySelector(s)?.textContent?.includes(t) ?? false,
    [selector, text] as const,
    { timeout: 15_000 },
  );
}
