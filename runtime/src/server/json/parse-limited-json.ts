import { ContractError } from '../../protocol/contract-error.js';
import type { DecodeLimits } from '../../schema/limits.js';
import { scanJson, type ScanIssue } from './scan-json.js';

/** A value as `JSON.parse` builds it. */
export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Where a JSON text comes from: how errors name it, and how deep the protocol wraps the values the limits are about. */
export interface JsonSource {
  /** The text in a message: `The body`, `A frame`. */
  readonly name: string;
  /**
   * Levels of protocol around the arguments: 1 for a call body (the
   * argument array), 2 for a frame (the frame object, its `args`). An
   * argument may nest `maxDepth` levels, as the decoder counts them.
   */
  readonly envelope: number;
}

/** A call's body: the argument array. */
export const CALL_BODY: JsonSource = { name: 'The body', envelope: 1 };
/** A `_release` body: an array of callback ids. */
export const RELEASE_BODY: JsonSource = { name: 'The body of _release', envelope: 1 };
/** A WebSocket frame from a client: an object whose `args` are a call's. */
export const CLIENT_FRAME: JsonSource = { name: 'A frame', envelope: 2 };

/**
 * The one `JSON.parse` of untrusted text on the server (bodies, `_release`,
 * frames): a linear pre-scan first (`scanJson`), so nesting deeper than
 * `maxDepth` allows is refused before anything is built of it, with the
 * decoder's code for it (`TOO_DEEP`, 400), and a string that is not Unicode
 * text with `LONE_SURROGATE` (400). Unlike the decoder, the scan counts
 * every level, under keys the contract does not declare too. The other
 * limits stay with the decoder, which names the path of the value: they
 * cost `JSON.parse` time linear in the text, which `maxBodyBytes` bounds
 * before the text exists. Text that is not JSON is a `BAD_REQUEST`. Never
 * throws.
 */
export function parseLimitedJson(
  text: string,
  limits: Pick<DecodeLimits, 'maxDepth'>,
  source: JsonSource,
): JsonValue | ContractError {
  const found = scanJson(text, limits.maxDepth + source.envelope);
  if (found !== undefined) return refusal(found, text, limits, source.name);
  try {
    return JSON.parse(text) as JsonValue;
  } catch (error) {
    // V8's message quotes at most a few characters of the text around the fault.
    return new ContractError(
      'BAD_REQUEST',
      `${source.name} is not valid JSON (${(error as Error).message}).`,
    );
  }
}

function refusal(
  found: ScanIssue,
  text: string,
  limits: Pick<DecodeLimits, 'maxDepth'>,
  name: string,
): ContractError {
  const where = `at character ${found.at}`;
  switch (found.kind) {
    case 'depth':
      return tooDeep(name, limits.maxDepth, where);
    case 'surrogate': {
      const escape = text.slice(found.at, found.at + 6);
      return new ContractError(
        'LONE_SURROGATE',
        `${name} has a string that is not Unicode text: ${escape} ${where} is half of a surrogate pair. Escape a character beyond U+FFFF as both halves (\\uD83D\\uDE00), or send it as it is in UTF-8.`,
        { expected: 'a high surrogate escape followed by a low one', received: escape },
      );
    }
  }
}

/** The `TOO_DEEP` of text nested past `maxDepth` (`where`: `at character 12`), before or while it is read. */
export function tooDeep(name: string, maxDepth: number, where: string): ContractError {
  return new ContractError(
    'TOO_DEEP',
    `${name} nests deeper than limits.maxDepth allows (${maxDepth} levels in a value) ${where}; send flatter data or raise limits.maxDepth.`,
    { expected: `at most ${maxDepth} levels of nesting`, received: 'deeper nesting' },
  );
}
