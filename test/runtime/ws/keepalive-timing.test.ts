// The keepalive drops a silent socket when the docs say: ping + pingTimeout
// after its last frame, at most two ticks late (issue 18: 60.6 s, where the
// docs imply 45 s). Fake timers: the clock is the test's, not the machine's.
import { afterEach, expect, it, vi } from 'vitest';
import { Keepalive, keepaliveTick } from '../../../runtime/src/server/ws/keepalive.js';

afterEach(() => void vi.useRealTimers());

function watch(ping: number, pingTimeout: number, ttl = 300_000) {
  const log: [string, number][] = [];
  const start = Date.now();
  const keepalive = new Keepalive({ ping, pingTimeout }, ttl, {
    ping: () => void log.push(['ping', Date.now() - start]),
    dead: () => void log.push(['dead', Date.now() - start]),
    touch: () => void log.push(['touch', Date.now() - start]),
  });
  keepalive.start();
  return { keepalive, log };
}

it('with the defaults (25 s, 20 s) a silent socket is pinged at 25 s and dropped at 45 s, within two ticks', () => {
  vi.useFakeTimers();
  const { log } = watch(25_000, 20_000);
  vi.advanceTimersByTime(60_000);
  const tick = keepaliveTick(25_000, 20_000);
  const ping = log.find(([kind]) => kind === 'ping')?.[1] ?? NaN;
  const dead = log.find(([kind]) => kind === 'dead')?.[1] ?? NaN;
  expect(ping).toBeGreaterThanOrEqual(25_000);
  expect(ping).toBeLessThanOrEqual(25_000 + 2 * tick);
  expect(dead).toBeGreaterThanOrEqual(45_000);
  expect(dead).toBeLessThanOrEqual(45_000 + 2 * tick);
});

it('a socket that answers every ping is never dropped, and touches its client four times per ttl', () => {
  vi.useFakeTimers();
  const { keepalive, log } = watch(50, 40, 400);
  for (let t = 0; t < 2_000; t += 10) {
    vi.advanceTimersByTime(10);
    if (log.at(-1)?.[0] === 'ping') keepalive.heard();
  }
  keepalive.stop();
  expect(log.some(([kind]) => kind === 'dead')).toBe(false);
  const touches = log.filter(([kind]) => kind === 'touch').length;
  expect(touches).toBeGreaterThanOrEqual(15);
  expect(touches).toBeLessThanOrEqual(21);
});
