/**
 * docs/diagnostics.md documents every code, and shows the messages the bad
 * fixtures produce: a message changed in a rule without the doc following
 * fails here (regenerate the printed blocks from the fixtures).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { codes } from '../../../src/contract/codes.js';

const doc = readFileSync(
  fileURLToPath(new URL('../../../docs/diagnostics.md', import.meta.url)),
  'utf8',
);
const fixtures = fileURLToPath(new URL('../../fixtures/bad/', import.meta.url));

describe('docs/diagnostics.md', () => {
  it('has a section for every code', () => {
    const missing = Object.values(codes).filter((code) => !doc.includes(`### ${code}\n`));
    expect(missing).toEqual([]);
  });

  it('shows the current message of every bad fixture', () => {
    const stale = readdirSync(fixtures)
      .flatMap(
        (rule) =>
          JSON.parse(readFileSync(`${fixtures}${rule}/expected.json`, 'utf8')) as Array<{
            message: string;
          }>,
      )
      .map((d) => d.message)
      .filter((message) => !doc.includes(message));
    expect(stale).toEqual([]);
  });
});
