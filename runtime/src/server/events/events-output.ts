import type { WireGap } from '../../protocol/messages.js';
import type { CallOutput } from '../call-input.js';
import { errorOutput } from '../outputs.js';
import type { ReadResult } from '../stores/client-store.js';
import { goneError } from './gone-error.js';

/** A live read. */
type LiveRead = Extract<ReadResult, { status: 'live' }>;

/**
 * The answer of a poll. Events are already JSON text, so the body is built
 * by joining them: no parse, no re-serialisation, one string per answer.
 */
export function eventsOutput(result: ReadResult): CallOutput {
  if (result.status !== 'live') return errorOutput(goneError(result.status));
  return { status: 200, body: wrapEvents(result, '{"events":[', listEnd(result.gap)), noStore: true };
}

/**
 * `before` + the read's event texts joined with `,` + `after`: an answer or
 * a socket frame. Made in the read's own join where the store can
 * (`ReadResult.wrap`), else from its joined text or its texts.
 */
export function wrapEvents(result: LiveRead, before: string, after: string): string {
  if (result.wrap !== undefined) return result.wrap(before, after);
  return `${before}${result.joined ?? result.events.join(',')}${after}`;
}

/** What closes a list of events in an answer or a frame: `]}`, or `],"gap":{...}}` with the gap. */
export function listEnd(gap: WireGap | undefined): string {
  return gap === undefined ? ']}' : `],"gap":${JSON.stringify(gap)}}`;
}
