import { ContractError } from '../protocol/contract-error.js';
import { BODY_TOO_LARGE, type BodyWatch, type CallInput, type CallOutput } from './call-input.js';
import { errorOutput, failure } from './outputs.js';
import type { RouterLimits } from './router-options.js';

/** A request body read whole, or the answer that refuses it. */
export type CallBody = { readonly text: string } | { readonly refused: CallOutput };

/**
 * Reads a request body within `limits.maxBodyBytes`, with `watch` (the
 * nesting watch) looking at its bytes as they arrive. A body refused before
 * its end (`TOO_LARGE`, or `TOO_DEEP` at the chunk past `maxDepth`) is not
 * read any further: its answer closes the connection, and is given only
 * after `limits.refusedBodyDelayMs` (default 100 ms) while the connection
 * stays unread. A sender looping on such bodies then gets one answer per
 * connection per delay rather than as many as it can send: on two cores four
 * senders of 1 MiB of `[` made about 2,000 refusals a second, whose new
 * connections alone (accept, headers, a 64 KiB read, close, and the
 * collections of their garbage) held other calls' p99 at 4–6 times idle
 * (issue 18). Bodies that are read whole and then found wrong are answered
 * at once.
 */
export async function readCallBody(
  input: CallInput,
  limits: RouterLimits,
  watch?: BodyWatch & { readonly refused: boolean },
): Promise<CallBody> {
  let text: string | typeof BODY_TOO_LARGE;
  try {
    text = await input.readBody(limits.maxBodyBytes, watch);
  } catch (error) {
    // A ContractError says what was wrong with the bytes (not UTF-8, too deep); anything else is a broken upload.
    if (!(error instanceof ContractError))
      return { refused: failure('BAD_REQUEST', 'The request body could not be read to its end.') };
    if (watch?.refused !== true) return { refused: errorOutput(error) };
    return { refused: await unreadRefusal(error, limits) };
  }
  if (text !== BODY_TOO_LARGE) return { text };
  const message = `The body is larger than this server accepts (${limits.maxBodyBytes} bytes).`;
  return { refused: await unreadRefusal(new ContractError('TOO_LARGE', message), limits) };
}

/** The answer to a body refused before its end: after the delay, and closing the connection. */
async function unreadRefusal(error: ContractError, limits: RouterLimits): Promise<CallOutput> {
  const delay = limits.refusedBodyDelayMs;
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
  return errorOutput(error, { close: true });
}
