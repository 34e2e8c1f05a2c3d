import { describe, expect, it } from 'vitest';
import { applyChanges, offsetAt } from '../../src/lsp/document-store.js';

const at = (line: number, character: number) => ({ line, character });

describe('applyChanges', () => {
  it('replaces the whole text for a change without a range', () => {
    expect(applyChanges('old', [{ text: 'new' }])).toBe('new');
  });

  it('applies ranged changes in order, each to the text the previous one left', () => {
    const text = 'a(x: string): void;\nb(): void;\n';
    const next = applyChanges(text, [
      { range: { start: at(0, 14), end: at(0, 18) }, text: 'Promise<void>' },
      { range: { start: at(1, 0), end: at(1, 1) }, text: 'c' },
    ]);
    expect(next).toBe('a(x: string): Promise<void>;\nc(): void;\n');
  });

  it('counts characters in UTF-16 units, as LSP does by default', () => {
    // '🎉' is two UTF-16 units: character 3 is just after it.
    expect(applyChanges('a🎉b', [{ range: { start: at(0, 3), end: at(0, 4) }, text: 'c' }])).toBe('a🎉c');
  });
});

describe('offsetAt', () => {
  it('keeps positions past the end of a line on that line, before its \\r\\n', () => {
    expect(offsetAt('ab\r\ncd', at(0, 99))).toBe(2);
    expect(offsetAt('ab\r\ncd', at(1, 1))).toBe(5);
  });

  it('clamps a line past the end to the end of the text', () => {
    expect(offsetAt('ab\ncd', at(7, 0))).toBe(5);
  });
});
