import { ContractError } from '../../protocol/contract-error.js';
import type { WireGap } from '../../protocol/messages.js';
import type { CallOutput } from '../call-input.js';
import { errorOutput } from '../outputs.js';
import type { ReadResult } from './client-store.js';
import { goneError } from './gone-error.js';

/**
 * The answer of a poll. Events are already JSON text, so the body is built
 * by joining them: no parse, no re-serialisation, one string per answer.
 */
export function eventsOutput(result: ReadResult, after: number): CallOutput {
  switch (result.status) {
    case 'live':
      return { status: 200, body: eventsBody(result.events, result.gap), noStore: true };
    case 'ahead': {
      const message = `after=${after} acknowledges events this client never had: its last seq is ${result.last}. Send the last seq you received.`;
      return errorOutput(new ContractError('BAD_REQUEST', message, { path: 'after', expected: `at most ${result.last}`, received: String(after) }));
    }
    default:
      return errorOutput(goneError(result.status));
  }
}

/** `{"events":[...]}`, with `"gap"` when there is one. */
export function eventsBody(events: readonly string[], gap: WireGap | undefined): string {
  const list = events.length === 0 ? '[]' : `[${events.join(',')}]`;
  return gap === undefined ? `{"events":${list}}` : `{"events":${list},"gap":${JSON.stringify(gap)}}`;
}
