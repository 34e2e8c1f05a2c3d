import { ContractError } from '../../protocol/contract-error.js';
import { describeValue } from '../../schema/describe-value.js';
import type { DecodeLimits } from '../../schema/limits.js';
import { parseLimitedJson, RELEASE_BODY } from '../json/parse-limited-json.js';

const example = 'e.g. [3, 4]';

/**
 * The callback ids of a `POST _release` body: a JSON array of non-negative
 * integers, at most `limits.maxItems` of them. A bad id is echoed as the
 * decoder echoes values (at most 40 characters of a string).
 */
export function parseReleaseBody(text: string, limits: DecodeLimits): number[] | ContractError {
  const body = parseLimitedJson(text, limits, RELEASE_BODY);
  if (body instanceof ContractError) return body;
  if (!Array.isArray(body)) {
    return new ContractError(
      'BAD_REQUEST',
      `The body of _release must be a JSON array of callback ids, ${example}.`,
    );
  }
  const { maxItems } = limits;
  if (body.length > maxItems) {
    return new ContractError(
      'TOO_MANY_ITEMS',
      `Release at most ${maxItems} callbacks per request (limits.maxItems).`,
      {
        expected: `at most ${maxItems} callback ids`,
        received: `${body.length} callback ids`,
      },
    );
  }
  const bad = body.findIndex((id) => typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0);
  if (bad !== -1) {
    return new ContractError(
      'BAD_REQUEST',
      `Callback ids are non-negative integers; item ${bad} is ${describeValue(body[bad])}.`,
      {
        path: `[${bad}]`,
      },
    );
  }
  return body as number[];
}
