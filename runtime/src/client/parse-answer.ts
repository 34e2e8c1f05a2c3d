import { ContractError } from '../protocol/contract-error.js';
import { fromErrorBody } from '../protocol/from-error-body.js';
import type { RawAnswer } from './exchange.js';
import { say } from '../messages.js';

/**
 * The parsed JSON body of a successful answer (one `JSON.parse`), or the
 * `ContractError` a failed one carries. A success that is not JSON is
 * `BAD_RESPONSE`: something other than a contract-gen server answered.
 */
export function parseAnswer(raw: RawAnswer): unknown {
  const ok = raw.status >= 200 && raw.status < 300;
  let body: unknown;
  try {
    body = JSON.parse(raw.text);
  } catch {
    if (!ok) throw fromErrorBody(raw.status, undefined);
    throw new ContractError('BAD_RESPONSE', say('not-json', raw.status));
  }
  if (!ok) throw fromErrorBody(raw.status, body);
  return body;
}
