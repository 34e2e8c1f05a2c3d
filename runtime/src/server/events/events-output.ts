import type { WireGap } from '../../protocol/messages.js';
import type { CallOutput } from '../call-input.js';
import { errorOutput } from '../outputs.js';
import type { ReadResult } from '../stores/read-result.js';
import { goneError } from './gone-error.js';

/**
 * The answer of a poll. Events are already JSON text, so the body is built
 * by joining them: no parse, no re-serialisation, one string per answer.
 */
export function eventsOutput(result: ReadResult): CallOutput {
  if (result.status !== 'live') return errorOutput(goneError(result.status));
  // Made in the read's own join (`ReadResult.wrap`): a long answer is one string, not copied again to be written.
  return { status: 200, body: result.wrap('{"events":[', listEnd(result.gap)), noStore: true };
}

/** What closes a list of events in an answer or a frame: `]}`, or `],"gap":{...}}` with the gap. */
export function listEnd(gap: WireGap | undefined): string {
  return gap === undefined ? ']}' : `],"gap":${JSON.stringify(gap)}}`;
}
