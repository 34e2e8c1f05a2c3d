import { describe, expect, it } from 'vitest';
import { parseJSDoc } from '../../../src/contract/read/parse-jsdoc.js';

describe('parseJSDoc', () => {
  it('reads a one-line summary', () => {
    expect(parseJSDoc('/** Adds a note. */')).toEqual({ summary: 'Adds a note.' });
  });

  it('keeps paragraphs and inline code, without the comment margin', () => {
    expect(parseJSDoc('/**\n * First line.\n *\n *   Indented `a @b` and {@link X}.\n */')).toEqual(
      {
        summary: 'First line.\n\n  Indented `a @b` and {@link X}.',
      },
    );
  });

  it('reads @param in its usual spellings, @returns, @deprecated and other tags in order', () => {
    const doc = parseJSDoc(
      '/**\n * Sum.\n * @param a first\n * @param {number} b - second\n * @param [c=1] third,\n *   on two lines\n * @returns the sum\n * @deprecated\n * @see other\n * @allow admin\n */',
    );
    expect(doc).toEqual({
      summary: 'Sum.',
      deprecated: '',
      params: { a: 'first', b: 'second', c: 'third,\n  on two lines' },
      returns: 'the sum',
      tags: [
        { name: 'see', text: 'other' },
        { name: 'allow', text: 'admin' },
      ],
    });
  });

  it('starts a tag after whitespace mid-line, not inside a word', () => {
    expect(parseJSDoc('/** Mail me@example.com. @param x the x */')).toEqual({
      summary: 'Mail me@example.com.',
      params: { x: 'the x' },
    });
  });

  it('gives nothing for an empty comment', () => {
    expect(parseJSDoc('/** */')).toBeUndefined();
    expect(parseJSDoc('/**\n *\n */')).toBeUndefined();
  });
});
