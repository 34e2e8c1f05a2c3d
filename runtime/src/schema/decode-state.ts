import { ContractError } from '../protocol/contract-error.js';
import { describeValue } from './describe-value.js';
import { formatPath } from './format-path.js';
import type { DecodeLimits } from './limits.js';
import { say } from '../messages.js';

/**
 * What internal decoders return instead of throwing: unions try members
 * without exceptions. A registered symbol, so that schemas built by one copy
 * of the runtime and walked by another (a bundle beside dist/, tests mixing
 * both) still agree on it: each node carries its own kind's walk.
 */
export const FAIL: unique symbol = Symbol.for('contract-gen.decode-failed');

/** A breached limit: each has its own code, so a caller can tell "too much" from "wrong". */
export type LimitCode = 'TOO_DEEP' | 'TOO_MANY_ITEMS' | 'TOO_LONG' | 'TOO_MANY_DIGITS';

/** Which limit each code enforces, for the message that says how to raise it. */
const limitName: Readonly<Record<LimitCode, keyof DecodeLimits>> = {
  TOO_DEEP: 'maxDepth',
  TOO_MANY_ITEMS: 'maxItems',
  TOO_LONG: 'maxStringLength',
  TOO_MANY_DIGITS: 'maxBigIntDigits',
};

/** The first reason a value did not decode. */
export interface Issue {
  code: 'BAD_ARGUMENT' | LimitCode;
  expected: string;
  /** The offending value; described only when an error is built (union trials fail often and cheaply). */
  readonly value: unknown;
  /** Innermost first; containers append their key while the failure unwinds. */
  readonly segments: (string | number)[];
  /** A literal or enum mismatch: in a union it more likely means "another member" than "a bad value". */
  readonly weak: boolean;
}

/**
 * The mutable state of one decode: the limits, the current depth and the
 * issue of the last failure. One per top-level call (the router reuses one
 * for all arguments of a request).
 */
export class DecodeState {
  depth = 0;
  issue: Issue | undefined = undefined;
  // Copied out of `limits`: the hot loops read them once per value.
  readonly maxDepth: number;
  readonly maxItems: number;
  readonly maxStringLength: number;

  constructor(readonly limits: DecodeLimits) {
    this.maxDepth = limits.maxDepth;
    this.maxItems = limits.maxItems;
    this.maxStringLength = limits.maxStringLength;
  }

  /** Records why `value` is not `expected`, and returns FAIL for the caller to pass up. */
  fail(expected: string, value: unknown, weak = false): typeof FAIL {
    return this.#record('BAD_ARGUMENT', expected, value, weak);
  }

  /** Records that `value` breaks a size limit (`code`); returns FAIL. */
  tooMuch(code: Exclude<LimitCode, 'TOO_DEEP'>, expected: string, value: unknown): typeof FAIL {
    return this.#record(code, expected, value, false);
  }

  /** Records that the input nests deeper than the limit, leaving the level just entered; returns FAIL. */
  tooDeep(): typeof FAIL {
    this.depth--;
    return this.#record('TOO_DEEP', `at most ${this.maxDepth} levels of nesting`, undefined, false);
  }

  /** Adds a path segment to the issue while a failure unwinds; returns FAIL. */
  at(segment: string | number): typeof FAIL {
    this.issue?.segments.push(segment);
    return FAIL;
  }

  /** Leaves a container whose entry `segment` failed: undoes its level of depth and adds the segment. */
  leave(segment: string | number): typeof FAIL {
    this.depth--;
    return this.at(segment);
  }

  #record(code: Issue['code'], expected: string, value: unknown, weak: boolean): typeof FAIL {
    this.issue = { code, expected, value, segments: [], weak };
    return FAIL;
  }

  /** The recorded issue as the error `decode` throws. */
  toError(root: string): ContractError {
    const issue = this.issue ?? {
      code: 'BAD_ARGUMENT',
      expected: 'a valid value',
      value: undefined,
      segments: [],
      weak: false,
    };
    const path = formatPath(root, issue.segments);
    const received = issue.code === 'TOO_DEEP' ? 'deeper nesting' : describeValue(issue.value);
    const where = path === '' ? 'the value' : path;
    const message =
      issue.code === 'TOO_DEEP'
        ? say('too-deep', where, this.limits.maxDepth)
        : issue.code === 'BAD_ARGUMENT'
          ? say('invalid', where, issue.expected, received)
          : say('too-big', where, issue.expected, received, limitName[issue.code]);
    return new ContractError(issue.code, message, { path, expected: issue.expected, received });
  }
}
