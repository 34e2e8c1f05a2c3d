import { describe, expect, it } from 'vitest';
import { StandInTable } from '../../../runtime/src/server/events/stand-in-table.js';

describe('StandInTable', () => {
  it('behaves like a Map of ids, in insertion order, with the first entry inline', () => {
    const table = new StandInTable();
    const [a, b, c, d] = [{ n: 'a' }, { n: 'b' }, { n: 'c' }, { n: 'd' }];
    expect(table.size).toBe(0);
    expect(table.get(1)).toBeUndefined();
    table.set(1, a);
    expect([table.size, table.get(1), table.has(1), table.has(2)]).toEqual([1, a, true, false]);
    table.set(2, b);
    table.set(3, c);
    expect([...table.values()]).toEqual([a, b, c]);
    expect(table.delete(1)).toBe(true);
    expect(table.delete(1)).toBe(false);
    // The freed inline slot is not reused while later entries exist: order stays insertion order.
    table.set(4, d);
    expect([...table.values()]).toEqual([b, c, d]);
    expect(table.size).toBe(3);
    table.set(3, a);
    expect(table.get(3)).toBe(a);
    expect(table.size).toBe(3);
    table.clear();
    expect([table.size, [...table.values()]]).toEqual([0, []]);
    table.set(0, c);
    expect([table.get(0), table.size]).toEqual([c, 1]);
  });

  it('reuses the inline slot once the table is empty again', () => {
    const table = new StandInTable();
    const [a, b] = [{}, {}];
    table.set(5, a);
    table.set(6, b);
    table.delete(5);
    table.delete(6);
    expect(table.size).toBe(0);
    table.set(7, a);
    table.set(8, b);
    expect([...table.values()]).toEqual([a, b]);
  });
});
