// Runs the conformance cases in headless Chromium: the cases, the generated
// client and the runtime bundled into one browser script (esbuild, platform
// browser), loaded by a tiny page, driven with playwright-core.
import { join } from 'node:path';
import { bundleBrowser } from '../../../scripts/bundle-browser.mjs';
import { launchChromium } from '../../browser/launch-chromium.js';
import type { CaseResult } from './run-cases.js';
import type { RuntimeRun } from './remote-suite.js';

const entry = join(import.meta.dirname, 'browser-main.ts');

/** Where the page pretends to live on the server (answered by the driver, never reaching the server). */
const pagePath = '/__conformance/';

/**
 * A `RuntimeRun` for Chromium. The page is served at an address on the
 * conformance server's own origin (intercepted, so the server never sees it),
 * which makes every call same-origin: the server needs no CORS.
 */
export const chromiumRun: RuntimeRun = async (baseUrl, transport, report) => {
  const { text: script } = await bundleBrowser({ entryPoints: [entry], sourcemap: true });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    // An uncaught error in the page is worth seeing even when every case passes.
    page.on('pageerror', (error) => console.warn(`chromium page: uncaught ${error.stack ?? error.message}`));
    await page.exposeFunction('reportConformance', (result: CaseResult) => report(result));
    const pageUrl = new URL(pagePath, baseUrl).href;
    await page.route(`${pageUrl}*`, (route) => {
      const isScript = route.request().url().endsWith('.js');
      return route.fulfill({
        contentType: isScript ? 'text/javascript' : 'text/html',
        body: isScript ? script! : '<!doctype html><title>conformance</title><script type="module" src="cases.js"></script>',
      });
    });
    await page.goto(`${pageUrl}index.html`);
    await page.waitForFunction(() => 'runConformance' in globalThis);
    // Stop intercepting: the cases' own requests go to the server untouched.
    await page.unrouteAll();
    await page.evaluate(
      ([url, name]) => (globalThis as unknown as { runConformance(u: string, t: string): Promise<void> }).runConformance(url, name),
      [baseUrl, transport] as const,
    );
    return `Chromium ${browser.version()}`;
  } finally {
    await browser.close();
  }
};
