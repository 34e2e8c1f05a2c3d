/**
 * Whether `a` and `b` are the same string, in a time that depends on their
 * lengths only, not on where they first differ, so timing the answer cannot
 * reveal a secret one character at a time. Lengths are not secret here (ids
 * have a fixed length), so a length mismatch answers at once.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
