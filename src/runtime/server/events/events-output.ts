import type { WireGap } from '../../protocol/messages.js';
import type { CallOutput } from '../call-input.js';
import { errorOutput } from '../outputs.js';
import type { ReadResult } from './client-store.js';
import { goneError } from './gone-error.js';

/**
 * The answer of a poll. Events are already JSON text, so the body is built
 * by joining them: no parse, no re-serialisation, one string per answer.
 */
export function eventsOutput(result: ReadResult): CallOutput {
  if (result.status !== 'live') return errorOutput(goneError(result.status));
  const { gap, wrap } = result;
  const body = wrap !== undefined ? wrap('{"events":[', gap === undefined ? ']}' : `],"gap":${JSON.stringify(gap)}}`) : eventsBody(result.joined ?? result.events, gap);
  return { status: 200, body, noStore: true };
}

/** `{"events":[...]}`, with `"gap"` when there is one. */
function eventsBody(events: readonly string[] | string, gap: WireGap | undefined): string {
  const list = eventList(events);
  return gap === undefined ? `{"events":${list}}` : `{"events":${list},"gap":${JSON.stringify(gap)}}`;
}

/** `[...]` of event texts, given as texts or already joined with `,` (`ReadResult.joined`): joined, never re-serialised. */
function eventList(events: readonly string[] | string): string {
  return `[${typeof events === 'string' ? events : events.join(',')}]`;
}
