import { describe, expect, it } from 'vitest';
import { countCalls, markPure } from '../../src/emit/pure.js';

describe('markPure', () => {
  it('marks a single call as it is', () => {
    expect(markPure("s.enum(['low', 'high'])")).toBe("/*@__PURE__*/ s.enum(['low', 'high'])");
    expect(markPure('s.object({ a: ASchema, b: BSchema })')).toBe(
      '/*@__PURE__*/ s.object({ a: ASchema, b: BSchema })',
    );
  });

  it('builds a construction with calls inside in an arrow called once: the mark does not reach into arguments', () => {
    expect(markPure('s.array(s.string())')).toBe('/*@__PURE__*/ (() => s.array(s.string()))()');
  });

  it('leaves a bare constant alone', () => {
    expect(markPure('ChatMessageSchema')).toBe('ChatMessageSchema');
  });
});

describe('countCalls', () => {
  it("counts a lazy's arrow as no call, and parentheses in strings as none", () => {
    expect(countCalls('s.lazy(() => TreeSchema)')).toBe(1);
    expect(countCalls("s.literal('f(x)')")).toBe(1);
    expect(countCalls("s.literal('it\\'s (ok)')")).toBe(1);
    expect(countCalls("s.union([s.literal('a'), s.null()])")).toBe(3);
  });
});
