// Headless Chromium for tests: Debian's `chromium` package driven by
// playwright-core (`npx playwright install` cannot download browsers here).
import { spawnSync } from 'node:child_process';
import { chromium, type Browser } from 'playwright-core';

/**
 * Flags for a quiet, hermetic headless run in a container: no sandbox (we
 * run as root), no GPU, and none of the browser's own traffic (updates,
 * sync, field trials) competing with the test's requests. Playwright adds
 * `--headless` and a fresh temporary `--user-data-dir` itself.
 */
const chromiumFlags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

/** The Chromium binary: `CHROMIUM_PATH` when set, else what `command -v chromium` finds, else `undefined`. */
export function chromiumPath(): string | undefined {
  const fromEnv = process.env['CHROMIUM_PATH'];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const found = spawnSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' });
  const path = found.stdout.trim();
  return found.status === 0 && path !== '' ? path : undefined;
}

/**
 * Why browser tests cannot run here, or `undefined` when they can. Under
 * CI=true it is always `undefined`: a missing browser must fail the run
 * (launchChromium rejects), never skip it silently.
 */
export function chromiumSkipReason(): string | undefined {
  if (chromiumPath() !== undefined || process.env['CI'] === 'true') return undefined;
  const reason = 'no chromium on PATH (apt-get install chromium, or set CHROMIUM_PATH)';
  console.warn(`Browser tests skipped: ${reason}. Under CI=true they fail instead.`);
  return reason;
}

/** Launches headless Chromium; rejects with a message saying how to install it when it is missing. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (executablePath === undefined) {
    throw new Error(
      'chromium cannot start: none on PATH. Install it (apt-get install chromium; .ci/run does) or set CHROMIUM_PATH.',
    );
  }
  return chromium.launch({ executablePath, headless: true, args: chromiumFlags });
}
