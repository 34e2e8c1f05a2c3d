import { ContractError } from '../protocol/contract-error.js';
import { decode } from '../schema/decode.js';
import type { DecodeLimits } from '../schema/limits.js';
import type { Schema } from '../schema/schema-types.js';
import type { RawAnswer } from './exchange.js';
import { parseAnswer } from './parse-answer.js';

/**
 * The result of a call from the server's answer, or the error it carries.
 * An answer that is not JSON, or whose result does not fit the result
 * schema, is `BAD_RESPONSE`: the server speaks another version of the
 * contract, or something in between (a proxy) answered instead.
 */
export function readAnswer(
  raw: RawAnswer,
  result: Schema<any>,
  limits: Partial<DecodeLimits> | undefined,
): unknown {
  return readResult(parseAnswer(raw), result, limits);
}

/** The result of a parsed successful answer (an HTTP body, or a WebSocket answer frame, which has the same `result`). */
export function readResult(
  body: unknown,
  result: Schema<any>,
  limits: Partial<DecodeLimits> | undefined,
): unknown {
  if (typeof body !== 'object' || body === null || !('result' in body)) {
    throw new ContractError('BAD_RESPONSE', 'The server answered without a "result".');
  }
  try {
    return decode(result, body.result, 'result', limits);
  } catch (error) {
    if (!(error instanceof ContractError)) throw error;
    throw new ContractError(
      'BAD_RESPONSE',
      `The server's answer does not fit the contract: ${error.message}`,
      {
        path: error.path ?? 'result',
        ...(error.expected === undefined ? {} : { expected: error.expected }),
        ...(error.received === undefined ? {} : { received: error.received }),
        cause: error,
      },
    );
  }
}
