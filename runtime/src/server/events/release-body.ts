import { ContractError } from '../../protocol/contract-error.js';

const example = 'e.g. [3, 4]';

/** The callback ids of a `POST _release` body: a JSON array of non-negative integers. */
export function parseReleaseBody(text: string, maxItems: number): number[] | ContractError {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return new ContractError(
      'BAD_REQUEST',
      `The body of _release must be a JSON array of callback ids, ${example}; it is not valid JSON.`,
    );
  }
  if (!Array.isArray(body)) {
    return new ContractError(
      'BAD_REQUEST',
      `The body of _release must be a JSON array of callback ids, ${example}.`,
    );
  }
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
      `Callback ids are non-negative integers; item ${bad} is ${JSON.stringify(body[bad]) ?? 'not one'}.`,
      {
        path: `[${bad}]`,
      },
    );
  }
  return body as number[];
}
