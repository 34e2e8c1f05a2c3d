// The runtime's error messages by id (runtime/src/messages.ts), the browser
// build that says the id and the facts instead (messages-browser.ts, swapped
// in by the package's `browser` field), and docs/errors.md, which words
// every id for whoever reads a browser's message.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { messages, say } from '../../runtime/src/messages.js';
import { say as browserSay } from '../../runtime/src/messages-browser.js';

const root = join(import.meta.dirname, '../..');

describe('runtime messages', () => {
  it('words each id from its facts', () => {
    expect(say('no-answer', 'http://h/api/Chat/post', 5000)).toBe(
      'No answer from http://h/api/Chat/post within 5000 ms.',
    );
    expect(say('unreachable', 'http://h/x', new TypeError('fetch failed'))).toBe(
      'Could not reach http://h/x: fetch failed',
    );
    expect(say('events-lost', 'overflow', 3, undefined)).toBe(
      'contract-gen: events lost (overflow, from seq 3); pass onGap to connect() to resynchronise.',
    );
  });

  it('the browser build says the id and the facts', () => {
    expect(browserSay('no-answer', 'http://h/api/Chat/post', 5000)).toBe(
      'no-answer: http://h/api/Chat/post, 5000',
    );
    expect(browserSay('connection-closed')).toBe('connection-closed');
    expect(browserSay('unreachable', 'http://h/x', new TypeError('fetch failed'))).toBe(
      'unreachable: http://h/x, TypeError: fetch failed',
    );
  });

  it('the package swaps in the browser build for bundlers', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'runtime/package.json'), 'utf8')) as {
      browser?: Record<string, string>;
      files: string[];
    };
    expect(pkg.browser).toEqual({ './dist/messages.js': './dist/messages-browser.js' });
  });

  it('docs/errors.md words every id, and only those', () => {
    const doc = readFileSync(join(root, 'docs/errors.md'), 'utf8');
    const documented = [...doc.matchAll(/^\| `([a-z-]+)` \|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(Object.keys(messages).sort());
  });
});
