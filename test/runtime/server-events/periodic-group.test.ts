import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PeriodicGroup } from '../../../runtime/src/server/events/periodic-group.js';

describe('PeriodicGroup', () => {
  beforeEach(() => void vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => void vi.useRealTimers());

  const member = (name: string, log: string[], onTick?: () => void) => ({
    tick: (now: number) => {
      log.push(`${name}@${now - 1_000_000}`);
      onTick?.();
    },
  });

  it('ticks each member every period from when it joined (never early, at most a slice late), on one timer', () => {
    const log: string[] = [];
    let emptied = 0;
    const group = new PeriodicGroup(1_600, () => emptied++); // slice: 100 ms
    const a = member('a', log);
    const b = member('b', log);
    group.add(a);
    vi.advanceTimersByTime(450);
    group.add(b);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(1_200); // t = 1650
    expect(log).toEqual(['a@1600']);
    vi.advanceTimersByTime(500); // t = 2150: b was due at 2050, rounded up to 2100
    expect(log).toEqual(['a@1600', 'b@2100']);
    vi.advanceTimersByTime(1_500); // t = 3650
    expect(log).toEqual(['a@1600', 'b@2100', 'a@3200']);
    group.delete(a);
    group.delete(b);
    expect([group.size, emptied, vi.getTimerCount()]).toEqual([0, 1, 0]);
  });

  it('goes on ticking the others when a member leaves or fails during its tick', () => {
    const log: string[] = [];
    const group = new PeriodicGroup(160); // slice: 10 ms
    const leaver = member('leaver', log, () => group.delete(leaver));
    const failing = member('failing', log, () => {
      throw new Error('boom');
    });
    const steady = member('steady', log);
    group.add(leaver);
    group.add(failing);
    group.add(steady);
    vi.advanceTimersByTime(400);
    expect(log).toEqual(['leaver@160', 'failing@160', 'steady@160', 'failing@320', 'steady@320']);
    expect(group.size).toBe(2);
  });
});
