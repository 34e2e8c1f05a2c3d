import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tagDeclarations } from '../../src/contract/read/contract-gen-module.js';
import { isTagName } from '../../src/contract/read/refinements.js';
import { repoRoot } from '../support/cli.js';

const namesOf = (text: string) =>
  [...text.matchAll(/^export (?:interface|type) ([A-Za-z0-9]+)/gm)].map((m) => m[1]!).sort();

describe("the refinement tags of 'contract-gen'", () => {
  it('are the same in the package (src/tags.ts, exported by src/index.ts) and in the reader', () => {
    const tags = readFileSync(join(repoRoot, 'src', 'tags.ts'), 'utf8');
    const index = readFileSync(join(repoRoot, 'src', 'index.ts'), 'utf8');
    const names = namesOf(tags);
    expect(names.length).toBeGreaterThan(12);
    expect(namesOf(tagDeclarations)).toEqual(names);
    for (const name of names) {
      expect(isTagName(name), name).toBe(true);
      expect(index, name).toMatch(new RegExp(`\\b${name},`));
    }
    // Member for member, the same text but for comments and layout.
    const squash = (text: string) =>
      text
        .replace(/\/\*\*[\s\S]*?\*\//g, '')
        .replace(/\s+/g, '')
        .replace(/;}/g, '}');
    expect(squash(tagDeclarations)).toBe(squash(tags.slice(tags.indexOf('export '))));
  });
});
