// Must show of issue 23: a receiver process that is down while 3,000 events are published gets all of
// them once each, in order, every request signed; a tampered and a replayed request are refused; the
// sender, SIGKILLed mid-delivery on the SQLite store, resumes with nothing lost or repeated.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, removePackage, snapshotPackage } from '../stores/server-process.js';
import { SECRET, until } from './support.js';

let pkg: string | undefined;
let work: string | undefined;
const children: ChildProcess[] = [];

beforeAll(async () => {
  pkg = await snapshotPackage();
  for (const file of ['webhook-receiver.mjs', 'webhook-sender.mjs'])
    copyFileSync(new URL(`fixtures/${file}`, import.meta.url), join(pkg, file));
  work = mkdtempSync(join(tmpdir(), 'cg-webhooks-'));
}, 60_000);

afterAll(async () => {
  for (const child of children) await stop(child);
  removePackage(pkg);
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

/** Starts `script` of the package copy with `env`; resolves once it sent `ready` (a message matching). */
async function start(
  script: string,
  env: Record<string, string>,
  onMessage: (message: unknown) => void = () => {},
): Promise<ChildProcess> {
  const child = spawn(process.execPath, [script], {
    cwd: pkg,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`${script} exited (${code}) before it was ready`)),
    );
    child.on('message', (message) => {
      if (message === 'listening' || (message as { ready?: boolean }).ready === true) resolve();
      onMessage(message);
    });
  });
  return child;
}

function stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

function lines(file: string): string[] {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
}

/** Sends `{ publish: [from, to] }` and waits for the sender's flush. */
function publish(sender: ChildProcess, from: number, to: number): Promise<void> {
  return new Promise((resolve) => {
    const heard = (message: unknown) => {
      if ((message as { published?: number }).published !== to) return;
      sender.off('message', heard);
      resolve();
    };
    sender.on('message', heard);
    sender.send({ publish: [from, to] });
  });
}

describe('webhooks: a receiver process down, a sender process killed', () => {
  it('delivers 3,000 events published while the receiver was down, once each, in order, across a SIGKILL of the sender', async () => {
    const dir = work as string;
    const port = await freePort();
    const eventsFile = join(dir, 'events.ndjson');
    const requestsFile = join(dir, 'requests.ndjson');
    const senderEnv = {
      STORE_FILE: join(dir, 'store.db'),
      URL: `http://127.0.0.1:${port}/hooks`,
      SECRET,
    };
    let failedAttempts = 0;
    const countFailures = (message: unknown) => {
      const attempt = (message as { attempt?: unknown }).attempt;
      if (attempt !== undefined && attempt !== 200) failedAttempts++;
    };
    const first = await start('webhook-sender.mjs', senderEnv, countFailures);
    await publish(first, 1, 3000);
    // The receiver is down: the sender tries, fails and backs off.
    await until(() => failedAttempts >= 3, 60_000, 'failed attempts while the receiver is down');

    await start('webhook-receiver.mjs', {
      PORT: String(port),
      SECRET,
      EVENTS_FILE: eventsFile,
      REQUESTS_FILE: requestsFile,
      DELAY_MS: '25',
    });
    await until(() => lines(eventsFile).length >= 500, 120_000, '500 events delivered');
    await stop(first, 'SIGKILL');
    const atKill = lines(eventsFile).length;
    expect(atKill).toBeLessThan(3000);

    // A new sender on the same file: the endpoint's queue resumes from what was acknowledged.
    const second = await start('webhook-sender.mjs', senderEnv);
    await publish(second, 3001, 3200);
    await until(() => lines(eventsFile).length >= 3200, 180_000, 'all 3,200 events delivered');
    // Nothing more arrives once all is acknowledged: the sender's next reads find the queue empty.
    await stop(second);
    const received = lines(eventsFile).map((line) => JSON.parse(line) as [number, string]);
    expect(received).toEqual(Array.from({ length: 3200 }, (_, i) => [i + 1, `tick ${i + 1}`]));

    // Every request the receiver answered was signed: none was refused.
    const requests = lines(requestsFile).map(
      (line) =>
        JSON.parse(line) as {
          headers: Record<string, string>;
          body: string;
          status: number;
          answer: string;
        },
    );
    expect(requests.length).toBeGreaterThanOrEqual(3200 / 25);
    expect(requests.filter((r) => r.status !== 200)).toEqual([]);
    expect(
      requests.every((r) => /^v1,[A-Za-z0-9+/]{43}=$/.test(r.headers['webhook-signature'] ?? '')),
    ).toBe(true);

    // A captured request sent again: refused at the application (nothing handled again).
    const captured = requests.at(-1) as (typeof requests)[number];
    const send = (headers: Record<string, string>, body: string) =>
      fetch(`http://127.0.0.1:${port}/hooks`, { method: 'POST', headers, body });
    const replay = await send(captured.headers, captured.body);
    expect([replay.status, await replay.json()]).toEqual([200, { received: 0, duplicate: true }]);
    // The same request tampered with (an argument changed): 401, nothing handled.
    const tampered = await send(captured.headers, captured.body.replace('"tick ', '"tock '));
    expect(tampered.status).toBe(401);
    expect(lines(eventsFile)).toHaveLength(3200);
  }, 300_000);
});
