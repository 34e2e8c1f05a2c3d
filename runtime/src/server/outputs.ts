import { ContractError } from '../protocol/contract-error.js';
import { toErrorBody } from '../protocol/to-error-body.js';
import type { CallOutput } from './call-input.js';

/** The answer of every `void` method, and of a result that serialises to nothing. */
export const voidOutput: CallOutput = { status: 200, body: '{"result":null}' };

/** A successful answer around already-serialised JSON. */
export function resultOutput(json: string | undefined): CallOutput {
  return json === undefined ? voidOutput : { status: 200, body: `{"result":${json}}` };
}

/**
 * The answer for a thrown error, through the one normaliser. If the error's
 * `details` cannot be serialised (a bigint, a cycle), it is answered without
 * them rather than failing the answer.
 */
export function errorOutput(
  error: unknown,
  extra?: { readonly allow?: string; readonly close?: boolean },
): CallOutput {
  const { status, body } = toErrorBody(error);
  let text: string;
  try {
    text = JSON.stringify(body);
  } catch {
    const { details: _dropped, ...rest } = body.error;
    text = JSON.stringify({ error: rest });
  }
  return extra === undefined ? { status, body: text } : { status, body: text, ...extra };
}

/** A `ContractError` answer built in place. */
export function failure(code: string, message: string): CallOutput {
  return errorOutput(new ContractError(code, message));
}
