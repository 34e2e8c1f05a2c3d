/**
 * Standard base64 (RFC 4648 §4) without Buffer or atob, so it runs the same
 * in browsers, Node, Deno and Bun. Table-driven and allocation-light: the
 * output is written into a typed array and turned into a string in one step.
 */

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const encodeTable = new Uint8Array(64);
/** ASCII code → 6-bit value, 255 for characters outside the alphabet (codes ≥ 128 are checked apart). */
const decodeTable = new Uint8Array(128).fill(255);
for (let i = 0; i < 64; i++) {
  encodeTable[i] = alphabet.charCodeAt(i);
  decodeTable[alphabet.charCodeAt(i)] = i;
}
const pad = 61; // '='
// The output is pure ASCII, which every TextDecoder label decodes unchanged.
const ascii = new TextDecoder('latin1');

/** Encodes `bytes` as padded standard base64. */
export function toBase64(bytes: Uint8Array): string {
  const length = bytes.length;
  const out = new Uint8Array(Math.ceil(length / 3) * 4);
  let o = 0;
  let i = 0;
  for (const whole = length - (length % 3); i < whole; i += 3) {
    const n =
      ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out[o++] = encodeTable[n >>> 18] as number;
    out[o++] = encodeTable[(n >>> 12) & 63] as number;
    out[o++] = encodeTable[(n >>> 6) & 63] as number;
    out[o++] = encodeTable[n & 63] as number;
  }
  if (i < length) {
    const second = i + 1 < length;
    const n = ((bytes[i] as number) << 16) | (second ? (bytes[i + 1] as number) << 8 : 0);
    out[o++] = encodeTable[n >>> 18] as number;
    out[o++] = encodeTable[(n >>> 12) & 63] as number;
    out[o++] = second ? (encodeTable[(n >>> 6) & 63] as number) : pad;
    out[o++] = pad;
  }
  return ascii.decode(out);
}

/**
 * Decodes standard base64; padding is optional. Returns undefined for
 * anything else (a foreign character, a length that cannot be base64,
 * padding in the middle), so the caller can report it as a bad value.
 */
export function fromBase64(text: string): Uint8Array | undefined {
  let end = text.length;
  if (end > 0 && text.charCodeAt(end - 1) === pad) end--;
  if (end > 0 && text.charCodeAt(end - 1) === pad) end--;
  // Padded input must be a whole number of quads; unpadded input can be 2 or 3 short of one, never 1.
  if (end !== text.length && text.length % 4 !== 0) return undefined;
  if (end % 4 === 1) return undefined;
  const out = new Uint8Array((end * 3) >>> 2);
  let o = 0;
  let i = 0;
  // `bad` reaches 128 or more on any foreign character: the table gives 255 for
  // ASCII ones, and codes ≥ 128 (which the table lacks) are OR-ed in themselves.
  let bad = 0;
  for (const whole = end - (end % 4); i < whole; i += 4) {
    const ca = text.charCodeAt(i);
    const cb = text.charCodeAt(i + 1);
    const cc = text.charCodeAt(i + 2);
    const cd = text.charCodeAt(i + 3);
    const a = decodeTable[ca] as number;
    const b = decodeTable[cb] as number;
    const c = decodeTable[cc] as number;
    const d = decodeTable[cd] as number;
    bad |= a | b | c | d | ca | cb | cc | cd;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = n >>> 16;
    out[o++] = (n >>> 8) & 255;
    out[o++] = n & 255;
  }
  if (i < end) {
    const ca = text.charCodeAt(i);
    const cb = text.charCodeAt(i + 1);
    const cc = i + 2 < end ? text.charCodeAt(i + 2) : 65; // 'A' stands in for the missing one
    const a = decodeTable[ca] as number;
    const b = decodeTable[cb] as number;
    const c = decodeTable[cc] as number;
    bad |= a | b | c | ca | cb | cc;
    const n = (a << 18) | (b << 12) | (c << 6);
    out[o++] = n >>> 16;
    if (i + 2 < end) out[o++] = (n >>> 8) & 255;
  }
  return bad < 128 ? out : undefined;
}
