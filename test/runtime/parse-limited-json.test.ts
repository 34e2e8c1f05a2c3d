import { describe, expect, it } from 'vitest';
import {
  CALL_BODY,
  CLIENT_FRAME,
  parseLimitedJson,
} from '../../runtime/src/server/json/parse-limited-json.js';
import { DepthWatch } from '../../runtime/src/server/json/depth-watch.js';
import { scanJson } from '../../runtime/src/server/json/scan-json.js';
import { ContractError } from '../../runtime/src/protocol/contract-error.js';

const limits = { maxDepth: 3 };

/** `levels` arrays, one inside the other, around `inner`. */
const nested = (levels: number, inner = '0'): string =>
  `${'['.repeat(levels)}${inner}${']'.repeat(levels)}`;

function codeOf(value: unknown): string | undefined {
  return value instanceof ContractError ? value.code : undefined;
}

describe('parseLimitedJson', () => {
  it('parses what is within the limits, the envelope on top of maxDepth', () => {
    expect(parseLimitedJson(nested(4), limits, CALL_BODY)).toEqual([[[[0]]]]);
    expect(parseLimitedJson(`{"args":${nested(4)}}`, limits, CLIENT_FRAME)).toEqual({
      args: [[[[0]]]],
    });
  });

  it('refuses one level more with TOO_DEEP, saying where, before parsing', () => {
    const refused = parseLimitedJson(nested(5), limits, CALL_BODY);
    expect(refused).toBeInstanceOf(ContractError);
    expect(refused).toMatchObject({
      code: 'TOO_DEEP',
      status: 400,
      expected: 'at most 3 levels of nesting',
      received: 'deeper nesting',
    });
    expect((refused as ContractError).message).toContain('at character 4');
    expect(codeOf(parseLimitedJson(`{"args":${nested(5)}}`, limits, CLIENT_FRAME))).toBe(
      'TOO_DEEP',
    );
  });

  it('refuses 1 MiB of [ and of {"a": at once, though neither is JSON', () => {
    expect(codeOf(parseLimitedJson('['.repeat(1 << 20), { maxDepth: 64 }, CALL_BODY))).toBe(
      'TOO_DEEP',
    );
    expect(
      codeOf(parseLimitedJson('{"a":'.repeat((1 << 20) / 5), { maxDepth: 64 }, CALL_BODY)),
    ).toBe('TOO_DEEP');
  });

  it('counts objects and arrays alike, and levels under any key', () => {
    expect(codeOf(parseLimitedJson('[{"a":{"b":[{}]}}]', limits, CALL_BODY))).toBe('TOO_DEEP');
    expect(parseLimitedJson('[{"a":{"b":[]}}]', limits, CALL_BODY)).toEqual([{ a: { b: [] } }]);
  });

  it('does not count brackets, braces or escaped quotes inside strings', () => {
    const text = JSON.stringify(['[[[[[{{{{{', '\\"[[[[[', '"]]]]}}}}', '\\\\', '\\u005b[[[[']);
    expect(parseLimitedJson(text, { maxDepth: 1 }, CALL_BODY)).toEqual(JSON.parse(text));
    expect(codeOf(parseLimitedJson('["\\"", [[]]]', { maxDepth: 1 }, CALL_BODY))).toBe('TOO_DEEP');
  });

  it('refuses a lone surrogate escape with LONE_SURROGATE, and takes pairs', () => {
    for (const text of [
      '["\\ud800"]',
      '["\\uDBFF x"]',
      '["\\udc00"]',
      '["a\\ude00\\ud83d"]',
      '{"\\ud800":1}',
      '["\\ud83d\\u0041"]',
      '["\\ud83d\\ud83d\\ude00"]',
    ]) {
      const refused = parseLimitedJson(text, limits, CALL_BODY);
      expect(codeOf(refused), text).toBe('LONE_SURROGATE');
      expect((refused as ContractError).received, text).toMatch(
        /^\\u[dD][89a-fA-F][0-9a-fA-F]{2}$/,
      );
    }
    for (const text of ['["\\ud83d\\ude00"]', '["\\uD83D\\uDE00x"]', '["\\\\ud800"]', '["😀"]'])
      expect(parseLimitedJson(text, limits, CALL_BODY), text).toEqual(JSON.parse(text));
  });

  it("leaves text that is not JSON to JSON.parse's BAD_REQUEST", () => {
    for (const text of ['[1,', '["abc', '["\\u12"]', '["\\', '', 'nul', ']]]]]]'])
      expect(codeOf(parseLimitedJson(text, limits, CALL_BODY)), text).toBe('BAD_REQUEST');
  });
});

describe('scanJson', () => {
  it('reads a text with many strings and escapes in one pass', () => {
    // A backslash far behind many strings must not be searched for again per string.
    const many = JSON.stringify([...Array.from({ length: 50_000 }, () => 'ab'), 'x\\y']);
    expect(scanJson(many, 2)).toBeUndefined();
    const escapes = JSON.stringify(['"\\'.repeat(100_000)]);
    expect(scanJson(escapes, 1)).toBeUndefined();
  });

  it('says where nesting passes the limit', () => {
    expect(scanJson('  [[[', 2)).toEqual({ kind: 'depth', at: 4 });
    expect(scanJson('["\\ud800"]', 2)).toEqual({ kind: 'surrogate', at: 2 });
  });
});

describe('DepthWatch', () => {
  const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

  it('refuses 1 MiB of [ at its first 64 KiB chunk, saying at which byte', () => {
    const watch = new DepthWatch(64, CALL_BODY);
    const refusal = watch.check(bytes('['.repeat(65_536)));
    expect(refusal).toMatchObject({ code: 'TOO_DEEP', status: 400 });
    expect(refusal?.message).toContain('at byte 65');
    expect(watch.refused).toBe(true);
  });

  it('follows strings and escapes across chunks', () => {
    // ["\"[[[[", ["]"]: the escaped quote and the brackets after it are inside one string cut in three.
    const watch = new DepthWatch(1, CALL_BODY);
    for (const chunk of ['["\\', '"[[[[', '", ["]"]'])
      expect(watch.check(bytes(chunk))).toBeUndefined();
    expect(watch.check(bytes(', [[0]]'))).toMatchObject({ code: 'TOO_DEEP' });
  });

  it('takes a character of several bytes cut between chunks', () => {
    const watch = new DepthWatch(0, CALL_BODY);
    const all = bytes('["é😀[[", "x"]');
    for (let i = 0; i < all.length; i++)
      expect(watch.check(all.subarray(i, i + 1))).toBeUndefined();
    expect(watch.refused).toBe(false);
  });
});
