/** A call frame's envelope beyond its arguments (type, id, names), generously. */
const ENVELOPE_BYTES = 1024;

/**
 * Whether a call with these arguments (JSON text) fits in one frame of at
 * most `maxFrame` bytes. A call that does not goes over HTTP, where the
 * server answers it like any other (413 if it is too large for HTTP too)
 * instead of closing the socket. Counts UTF-8 bytes only when the text
 * could be too long (each UTF-16 unit is at most 3 bytes).
 */
export function fitsFrame(args: string, maxFrame: number): boolean {
  const room = maxFrame - ENVELOPE_BYTES;
  if (args.length * 3 <= room) return true;
  if (args.length > room) return false;
  return new TextEncoder().encode(args).length <= room;
}
