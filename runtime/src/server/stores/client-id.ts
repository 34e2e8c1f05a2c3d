import { toBase64 } from '../../schema/base64.js';

/**
 * A new client id: 16 bytes (128 bits) from the platform's cryptographic
 * random source, as base64url without padding (22 characters). The id is
 * the only key to a client's events, so it must not be guessable.
 */
export function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return toBase64(bytes).slice(0, 22).replace(/\+/g, '-').replace(/\//g, '_');
}
