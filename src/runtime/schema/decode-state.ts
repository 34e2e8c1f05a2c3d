import { ContractError } from '../protocol/contract-error.js';
import { describeValue } from './describe-value.js';
import { formatPath } from './format-path.js';
import type { DecodeLimits } from './limits.js';

/** What internal decoders return instead of throwing: unions try members without exceptions. */
export const FAIL: unique symbol = Symbol('contract-gen.decode-failed');

/** The first reason a value did not decode. */
export interface Issue {
  code: 'BAD_ARGUMENT' | 'TOO_DEEP';
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
    this.issue = { code: 'BAD_ARGUMENT', expected, value, segments: [], weak };
    return FAIL;
  }

  /** Records that the input nests deeper than the limit. */
  tooDeep(): typeof FAIL {
    this.issue = { code: 'TOO_DEEP', expected: `at most ${this.limits.maxDepth} levels of nesting`, value: undefined, segments: [], weak: false };
    return FAIL;
  }

  /** Adds a path segment to the issue while a failure unwinds; returns FAIL. */
  at(segment: string | number): typeof FAIL {
    this.issue?.segments.push(segment);
    return FAIL;
  }

  /** The recorded issue as the error `decode` throws. */
  toError(root: string): ContractError {
    const issue = this.issue ?? { code: 'BAD_ARGUMENT', expected: 'a valid value', value: undefined, segments: [], weak: false };
    const path = formatPath(root, issue.segments);
    const received = issue.code === 'TOO_DEEP' ? 'deeper nesting' : describeValue(issue.value);
    const where = path === '' ? 'the value' : path;
    const message =
      issue.code === 'TOO_DEEP'
        ? `${where} nests deeper than ${this.limits.maxDepth} levels; send flatter data or raise limits.maxDepth.`
        : `Invalid ${where}: expected ${issue.expected}, received ${received}.`;
    return new ContractError(issue.code, message, { path, expected: issue.expected, received });
  }
}
