// Runs the conformance cases in headless Chromium: the cases, the generated
// client and the runtime bundled into one browser script (esbuild, platform
// browser), loaded by a tiny page, driven with playwright-core.
import { join } from 'node:path';
import { bundleBrowser } from '../../../scripts/bundle-browser.mjs';
import { launchChromium } from '../../browser/launch-chromium.js';
import type { CaseResult } from './run-cases.js';
import type { RuntimeRun } from './remote-suite.js';

const entry = join(import.meta.dirname, 'browser-main.ts');

/** A path the conformance server answers (with a 404) without side effects: the page's address. */
const pagePath = '/__conformance';

/**
 * A `RuntimeRun` for Chromium. The page is a real document of the
 * conformance server's origin (its 404 for a path it does not serve), which
 * makes every call same-origin, so the server needs no CORS; the bundle is
 * then added to it as a module script. Intercepting the navigation instead
 * would give the page no address, and Chromium's local network access checks
 * then refuse its WebSocket to the loopback server
 * (ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS) though fetch passes. The
 * 404 forbids running anything in it (`content-security-policy: default-src
 * 'none'`, on every answer since issue 18), so the page bypasses CSP.
 */
export const chromiumRun: RuntimeRun = async (baseUrl, transport, report) => {
  const { text: script } = await bundleBrowser({ entryPoints: [entry], sourcemap: true });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ bypassCSP: true });
    // An uncaught error in the page is worth seeing even when every case passes.
    page.on('pageerror', (error) =>
      console.warn(`chromium page: uncaught ${error.stack ?? error.message}`),
    );
    await page.exposeFunction('reportConformance', (result: CaseResult) => report(result));
    await page.goto(new URL(pagePath, baseUrl).href);
    await page.setContent('<!doctype html><title>contract-gen conformance</title>');
    await page.addScriptTag({ content: script!, type: 'module' });
    await page.waitForFunction(() => 'runConformance' in globalThis);
    await page.evaluate(
      ([url, name]) =>
        (
          globalThis as unknown as { runConformance(u: string, t: string): Promise<void> }
        ).runConformance(url, name),
      [baseUrl, transport] as const,
    );
    return `Chromium ${browser.version()}`;
  } finally {
    await browser.close();
  }
};
