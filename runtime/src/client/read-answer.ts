import { ContractError } from '../protocol/contract-error.js';
import type { DecodeLimits } from '../schema/limits.js';
import type { Schema } from '../schema/schema-types.js';
import type { Codec } from '../schema/walk-codec.js';
import { say } from '../messages.js';

/**
 * The result of a parsed successful answer (an HTTP body, or a WebSocket
 * answer frame, which has the same `result`), decoded with `decode`. An
 * answer without a result, or whose result does not fit the result schema,
 * is `BAD_RESPONSE`: the server speaks another version of the contract, or
 * something in between (a proxy) answered instead.
 */
export function readResult(
  body: unknown,
  result: Schema<unknown>,
  limits: Partial<DecodeLimits> | undefined,
  decode: Codec['decode'],
): unknown {
  if (typeof body !== 'object' || body === null || !('result' in body)) {
    throw new ContractError('BAD_RESPONSE', say('no-result'));
  }
  try {
    return decode(result, body.result, 'result', limits);
  } catch (error) {
    if (!(error instanceof ContractError)) throw error;
    throw new ContractError('BAD_RESPONSE', say('answer-misfit', error.message), {
      path: error.path ?? 'result',
      ...(error.expected === undefined ? {} : { expected: error.expected }),
      ...(error.received === undefined ? {} : { received: error.received }),
      cause: error,
    });
  }
}
