import { ContractError } from '../protocol/contract-error.js';
import type { EventsBody, WireEvent, WireGap } from '../protocol/messages.js';
import { say } from '../messages.js';

/**
 * Checks the shape of a parsed `_events` answer in one pass of cheap type
 * tests, so the dispatch loop can trust it. A malformed answer is
 * `BAD_RESPONSE` as a whole: acting on part of it could skip events.
 */
export function readEventsAnswer(body: unknown): EventsBody {
  const events = (body as { events?: unknown } | null)?.events;
  if (!Array.isArray(events)) throw bad(say('no-events'));
  for (let i = 0; i < events.length; i++) {
    const event = events[i] as (Partial<WireEvent> & { released?: unknown }) | null;
    if (
      typeof event !== 'object' ||
      event === null ||
      !Number.isSafeInteger(event.seq) ||
      typeof event.cb !== 'number' ||
      // An event, or a release notice (`"released": reason` in place of method and args).
      (typeof event.released !== 'string' &&
        (typeof event.method !== 'string' || !Array.isArray(event.args)))
    ) {
      throw bad(say('bad-event', i));
    }
  }
  const gap = (body as { gap?: unknown }).gap;
  if (gap === undefined || gap === null) return { events };
  if (!isWireGap(gap)) throw bad(say('bad-gap'));
  return { events, gap };
}

function isWireGap(gap: unknown): gap is WireGap {
  if (typeof gap !== 'object' || gap === null) return false;
  const { from, to, count, reason } = gap as Partial<WireGap>;
  return (
    Number.isSafeInteger(from) &&
    Number.isSafeInteger(to) &&
    Number.isSafeInteger(count) &&
    typeof reason === 'string'
  );
}

function bad(message: string): ContractError {
  return new ContractError('BAD_RESPONSE', message);
}
