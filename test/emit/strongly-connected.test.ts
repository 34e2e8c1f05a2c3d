import { describe, expect, it } from 'vitest';
import { stronglyConnected } from '../../src/emit/strongly-connected.js';

const graph = (edges: Record<string, string[]>) => (node: string) => edges[node] ?? [];

describe('stronglyConnected', () => {
  it('puts every node after what it reaches, otherwise in the given order', () => {
    const next = graph({ a: ['c'], b: [], c: ['d'], d: [] });
    expect(stronglyConnected(['a', 'b', 'c', 'd'], next)).toEqual([['d'], ['c'], ['a'], ['b']]);
  });

  it('groups nodes that reach each other, in the given order, after what the group reaches', () => {
    const next = graph({ a: ['b'], b: ['c', 'a'], c: [], x: ['x'] });
    expect(stronglyConnected(['x', 'b', 'a', 'c'], next)).toEqual([['x'], ['c'], ['b', 'a']]);
  });

  it('walks a chain of 100,000 nodes without overflowing the stack', () => {
    const nodes = Array.from({ length: 100_000 }, (_, i) => i);
    const components = stronglyConnected(nodes, (i) => (i + 1 < nodes.length ? [i + 1] : []));
    expect(components.length).toBe(nodes.length);
    expect(components[0]).toEqual([99_999]);
  });
});
