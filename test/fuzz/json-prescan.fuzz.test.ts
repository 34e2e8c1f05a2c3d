import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ContractError } from '../../runtime/src/protocol/contract-error.js';
import { DepthWatch } from '../../runtime/src/server/json/depth-watch.js';
import {
  parseLimitedJson,
  type JsonSource,
} from '../../runtime/src/server/json/parse-limited-json.js';
import { fuzzParameters } from './fuzz-config.js';

// The pre-scan before every JSON.parse of untrusted text (issue 18) against
// the slow way it replaces: JSON.parse, then a walk measuring the depth and
// looking for lone surrogates. On random nested JSON whose strings are full
// of brackets, braces, quotes and escapes (which must never count), and on
// that JSON mutated into text that is not JSON, both must give the same
// verdict: the same value, or a refusal the walk also finds.

/** No envelope: `maxDepth` bounds the whole text, as the walk measures it. */
const TEXT: JsonSource = { name: 'The text', envelope: 0 };

/** Pieces of string content, written as JSON: what could fool a scanner that does not read strings. */
const stringPiece = fc.oneof(
  fc.constantFrom(
    '[',
    ']',
    '{',
    '}',
    ',',
    ':',
    ' ',
    '\\"',
    '\\\\',
    '\\\\\\"',
    '\\n',
    '\\/',
    '\\u005b',
    '\\u007B',
    '\\u0022',
    '\\u005c',
    '\\ud83d\\ude00',
    '\\uD83D\\uDE00',
    '\\ud800',
    '\\udfff',
    '\\uDBFF',
    '\\uDC00',
    '😀',
    'é',
  ),
  fc.string({ unit: 'binary', maxLength: 4 }).map((s) => JSON.stringify(s).slice(1, -1)),
);
const jsonString = fc.array(stringPiece, { maxLength: 6 }).map((pieces) => `"${pieces.join('')}"`);
const space = fc.constantFrom('', '', ' ', '\n', '\t ');

const { value: jsonText } = fc.letrec<{ value: string; array: string; object: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('0', '-1.5e3', 'true', 'false', 'null', '12345678901234567890'),
    jsonString,
    tie('array'),
    tie('object'),
  ),
  array: fc
    .tuple(fc.array(tie('value'), { maxLength: 4 }), space)
    .map(([items, s]) => `[${s}${items.join(`${s},`)}]`),
  object: fc
    .tuple(
      // Keys unique by what they spell: a repeated key would leave only its last value to walk.
      fc.uniqueArray(fc.tuple(jsonString, tie('value')), {
        maxLength: 4,
        selector: ([key]) => JSON.parse(key) as string,
      }),
      space,
    )
    .map(([members, s]) => `{${members.map(([k, v]) => `${s}${k}${s}:${v}`).join(',')}}`),
}));

/** Random JSON, sometimes wrapped in a stack of arrays and objects to get past the limits. */
const wrapped = fc
  .tuple(jsonText, fc.array(fc.constantFrom('[', '{"k":', '{"[":'), { maxLength: 12 }))
  .map(([inner, wrappers]) => {
    let text = inner;
    for (const w of wrappers) text = `${w}${text}${w === '[' ? ']' : '}'}`;
    return text;
  });

/**
 * The same text with one character cut, doubled or replaced: mostly not JSON
 * any more. Characters, not UTF-16 units: half an emoji is a raw lone
 * surrogate, which no text decoded from UTF-8 holds (the scan reads escapes).
 */
const mutated = fc
  .tuple(wrapped, fc.nat(), fc.constantFrom('cut', 'double', '[', ']', '"', '\\', '}'))
  .map(([text, at, how]) => {
    const chars = Array.from(text);
    const i = chars.length === 0 ? 0 : at % chars.length;
    chars.splice(
      i,
      how === 'double' ? 0 : 1,
      ...(how === 'cut' ? [] : [how === 'double' ? (chars[i] ?? '') : how]),
    );
    return chars.join('');
  });

type Verdict =
  | { readonly json: false }
  | { readonly json: true; readonly value: unknown; readonly breaches: readonly string[] };

/** The slow way: parse everything, then measure. */
function reference(text: string, maxDepth: number): Verdict {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { json: false };
  }
  const breaches: string[] = [];
  if (depthOf(value) > maxDepth) breaches.push('TOO_DEEP');
  if (!wellFormed(value)) breaches.push('LONE_SURROGATE');
  return { json: true, value, breaches };
}

function depthOf(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  let deepest = 0;
  for (const child of Object.values(value)) deepest = Math.max(deepest, depthOf(child));
  return deepest + 1;
}

/** In a `u` pattern a pair is one code point: `\p{Cs}` matches lone surrogates only. */
const loneSurrogate = /\p{Cs}/u;

function wellFormed(value: unknown): boolean {
  if (typeof value === 'string') return !loneSurrogate.test(value);
  if (typeof value !== 'object' || value === null) return true;
  return Object.entries(value).every(([key, child]) => wellFormed(key) && wellFormed(child));
}

function sameVerdict(text: string, maxDepth: number): void {
  const got = parseLimitedJson(text, { maxDepth }, TEXT);
  const expected = reference(text, maxDepth);
  if (!expected.json) {
    // Not JSON: refused, whether for its syntax or for what the scan met first.
    expect(got).toBeInstanceOf(ContractError);
  } else if (expected.breaches.length === 0) {
    expect(got).not.toBeInstanceOf(ContractError);
    expect(JSON.stringify(got)).toBe(JSON.stringify(expected.value));
  } else {
    expect(got).toBeInstanceOf(ContractError);
    expect(expected.breaches).toContain((got as ContractError).code);
  }
}

describe('the JSON pre-scan', () => {
  it('gives the verdict of JSON.parse and a depth and surrogate walk, on random nested JSON', () => {
    fc.assert(fc.property(wrapped, fc.integer({ min: 0, max: 12 }), sameVerdict), fuzzParameters());
  });

  it('refuses text that is not JSON, on random mutations of it', () => {
    fc.assert(fc.property(mutated, fc.integer({ min: 0, max: 12 }), sameVerdict), fuzzParameters());
  });

  it('refuses while the bytes arrive exactly what is nested too deep, however they are cut', () => {
    // The body readers' watch: the same depth verdict as the walk, fed the UTF-8 bytes in random chunks.
    fc.assert(
      fc.property(
        wrapped,
        fc.integer({ min: 0, max: 12 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        (text, maxDepth, cuts) => {
          const bytes = new TextEncoder().encode(text);
          const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
          const watch = new DepthWatch(maxDepth, TEXT);
          let refused = false;
          for (const [i, start] of [0, ...at].entries()) {
            const chunk = bytes.subarray(start, at[i] ?? bytes.length);
            if (chunk.length > 0 && watch.check(chunk) !== undefined) refused = true;
            if (refused) break;
          }
          expect(refused).toBe(depthOf(JSON.parse(text)) > maxDepth);
        },
      ),
      fuzzParameters(),
    );
  });

  it('never counts what is inside strings', () => {
    // Every string of the text lifted one level into a flat array: depth 1 whatever the strings hold.
    fc.assert(
      fc.property(fc.array(jsonString, { maxLength: 8 }), (strings) =>
        sameVerdict(`[${strings.join(',')}]`, 1),
      ),
      fuzzParameters(),
    );
  });
});
