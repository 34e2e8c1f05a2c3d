/** The 64 characters of base64url: a random byte's low 6 bits pick one. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * Makes the ids a connection gives its calls (`x-contract-call`, kept
 * across a call's resends): a random part per connection (12 characters,
 * 72 bits, so a later run resuming the same client never repeats an id a
 * server still remembers) and a counter. The random part is made here
 * rather than through base64, which a page would otherwise download for it.
 */
export function callIds(): () => string {
  let random = '';
  for (const byte of crypto.getRandomValues(new Uint8Array(12))) random += ALPHABET[byte & 63];
  let count = 0;
  return () => `${random}${(++count).toString(36)}`;
}
