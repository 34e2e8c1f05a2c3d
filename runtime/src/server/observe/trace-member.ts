import type { OtelSpanContext } from './otel-types.js';

/** What goes after an event's `args` when tracing is on: `,"trace":"<traceparent>"` (docs/protocol.md). */
export function traceMember(context: OtelSpanContext): string {
  return `,"trace":"${traceparent(context)}"`;
}

/** The W3C `traceparent` of a span: `00-<trace id>-<span id>-<flags>`. */
export function traceparent({ traceId, spanId, traceFlags }: OtelSpanContext): string {
  return `00-${traceId}-${spanId}-${traceFlags & 1 ? '01' : '00'}`;
}

const MEMBER = '"trace":"';
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** The span context an event's text carries in its `trace` member (its last), if it has a valid one. */
export function eventTrace(text: string): OtelSpanContext | undefined {
  // `"trace":"` + 55 characters + `"}` end the text.
  const start = text.length - 57;
  if (start < MEMBER.length || !text.startsWith(MEMBER, start - MEMBER.length)) return undefined;
  const match = TRACEPARENT.exec(text.slice(start, start + 55));
  if (match === null) return undefined;
  const [, traceId, spanId, flags] = match as unknown as [string, string, string, string];
  return { traceId, spanId, traceFlags: parseInt(flags, 16), isRemote: true };
}
