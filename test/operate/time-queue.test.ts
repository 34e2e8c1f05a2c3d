// The append times the delivery lag is measured from: runs of equal times, oldest first.
import { expect, it } from 'vitest';
import { TimeQueue } from '../../runtime/src/server/observe/time-queue.js';

it('gives the oldest append time of what is taken, across runs, and grows past its first capacity', () => {
  const queue = new TimeQueue();
  for (const time of [10, 10, 10, 20, 30, 30]) queue.push(time);
  expect(queue.size).toBe(6);
  expect(queue.shift(2)).toBe(10);
  expect(queue.shift(2)).toBe(10); // the last of the 10s and the 20
  expect(queue.shift(1)).toBe(30);
  expect(queue.shift(5)).toBe(30); // one left: takes it
  expect(queue.size).toBe(0);
  expect(queue.shift(1)).toBe(-1);
  // 100 distinct times: more runs than the first ring holds, taken in order.
  for (let time = 1; time <= 100; time++) queue.push(time);
  const oldest: number[] = [];
  while (queue.size > 0) oldest.push(queue.shift(7));
  expect(oldest).toEqual(Array.from({ length: 15 }, (_, i) => i * 7 + 1));
});
