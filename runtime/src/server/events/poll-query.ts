import { ContractError } from '../../protocol/contract-error.js';
import { MAX_SEQ } from '../../protocol/messages.js';

/** The parameters of `GET _events`. */
export interface PollQuery {
  /** Acknowledges every seq up to it. */
  readonly after: number;
  /** Milliseconds to hold the request when nothing is queued (before clamping to the server's maximum). */
  readonly wait: number;
}

/** Parses `after=<seq>&wait=<ms>` (both optional, default 0); unknown parameters are ignored. */
export function parsePollQuery(query: string): PollQuery | ContractError {
  const params = new URLSearchParams(query);
  const after = count(params.get('after'), 'after', 'the last seq you have processed', MAX_SEQ);
  if (after instanceof ContractError) return after;
  const wait = count(params.get('wait'), 'wait', 'milliseconds to wait for an event, 0 for none');
  if (wait instanceof ContractError) return wait;
  return { after, wait };
}

function count(
  raw: string | null,
  name: string,
  meaning: string,
  max = Number.MAX_SAFE_INTEGER,
): number | ContractError {
  if (raw === null) return 0;
  const value = /^\d{1,16}$/.test(raw) ? Number(raw) : NaN;
  if (Number.isSafeInteger(value) && value <= max) return value;
  const shown = JSON.stringify(raw.length > 40 ? `${raw.slice(0, 40)}...` : raw);
  const expected =
    max === Number.MAX_SAFE_INTEGER ? 'a non-negative integer' : `an integer from 0 to ${max}`;
  return new ContractError(
    'BAD_REQUEST',
    `Query parameter ${name} must be ${expected} (${meaning}), not ${shown}.`,
    {
      path: name,
      expected,
      received: shown,
    },
  );
}
