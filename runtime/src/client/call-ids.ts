import { toBase64 } from '../schema/base64.js';

/**
 * Makes the ids a connection gives its calls (`x-contract-call`, kept
 * across a call's resends): a random part per connection (12 characters,
 * 72 bits, so a later run resuming the same client never repeats an id a
 * server still remembers) and a counter.
 */
export function callIds(): () => string {
  const random = toBase64(crypto.getRandomValues(new Uint8Array(9)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
  let count = 0;
  return () => `${random}${(++count).toString(36)}`;
}
