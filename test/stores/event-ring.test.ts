import { describe, expect, it } from 'vitest';
import { EventRing } from '../../runtime/src/server/stores/memory/event-ring.js';

/** What the ring answers for the event pushed as ('"v":', String(seq)). */
const text = (seq: number) => `{"seq":${seq},"v":${seq}}`;

describe('EventRing', () => {
  it('matches a plain array through growth, wrap-around, acks and drops', () => {
    const ring = new EventRing();
    let model: number[] = [];
    let next = 1;
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let step = 0; step < 5000; step++) {
      const roll = random();
      if (roll < 0.6) {
        ring.push('"v":', String(next));
        model.push(next++);
      } else if (roll < 0.8 && model.length > 0) {
        const after = (model[0] as number) - 1 + Math.floor(random() * (model.length + 1));
        ring.ack(after);
        model = model.filter((seq) => seq > after);
      } else if (model.length > 0) {
        expect(ring.dropOldest()).toBe(model.shift());
      }
      expect(ring.size).toBe(model.length);
      expect(ring.lastSeq).toBe(next - 1);
      const after = (model[0] ?? next) - 1 + Math.floor(random() * 3);
      const max = 1 + Math.floor(random() * 20);
      const expected = model
        .filter((seq) => seq > after)
        .slice(0, max)
        .map(text);
      const slice = ring.slice(after, max);
      expect(slice.texts()).toEqual(expected);
      expect(slice.count).toBe(expected.length);
      // Wrapped in one join, and the slice is the same afterwards.
      expect(slice.wrapped('{"events":[', ']}')).toBe(`{"events":[${expected.join(',')}]}`);
      expect(slice.wrapped('', '')).toBe(expected.join(','));
    }
  });

  it('acknowledging before its first event or past its last is harmless', () => {
    const ring = new EventRing();
    ring.push('"v":', '1');
    ring.ack(0);
    expect(ring.slice(0, 10).texts()).toEqual([text(1)]);
    ring.ack(5);
    expect(ring.size).toBe(0);
    expect(ring.nextSeq).toBe(2);
  });

  it('joins the two pieces an event was pushed as, and adds the offset to the seqs it reports', () => {
    const ring = new EventRing();
    const head = '"cb":3,"method":"tick","args":';
    ring.push(head, '["a",1]');
    ring.push(head, '["b",2]');
    expect(ring.slice(0, 10, 40).texts()).toEqual([
      '{"seq":41,"cb":3,"method":"tick","args":["a",1]}',
      '{"seq":42,"cb":3,"method":"tick","args":["b",2]}',
    ]);
    expect(ring.slice(1, 10).texts()).toEqual(['{"seq":2,"cb":3,"method":"tick","args":["b",2]}']);
  });
});
