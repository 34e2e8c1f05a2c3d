import { ContractError } from '../protocol/contract-error.js';
import {
  isLogEntry,
  type EventsBody,
  type WireEvent,
  type WireGap,
  type WireLogEntry,
} from '../protocol/messages.js';
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
      // An event, a release notice (`"released": reason` in place of method and args), or a log entry.
      (typeof event.released !== 'string' &&
        (isLogEntry(event)
          ? !isLogEntryShape(event)
          : typeof event.method !== 'string' || !Array.isArray(event.args)))
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

function isLogEntryShape(entry: WireLogEntry): boolean {
  const { log, epoch, offset, events, gap } = entry;
  return (
    typeof log === 'string' &&
    typeof epoch === 'string' &&
    Number.isSafeInteger(offset) &&
    events.every(
      (event) =>
        typeof event === 'object' &&
        event !== null &&
        typeof event.method === 'string' &&
        Array.isArray(event.args),
    ) &&
    (gap === undefined ||
      (typeof gap === 'object' &&
        gap !== null &&
        typeof gap.reason === 'string' &&
        Number.isSafeInteger(gap.from)))
  );
}

function bad(message: string): ContractError {
  return new ContractError('BAD_RESPONSE', message);
}
