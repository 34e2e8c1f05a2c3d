import { fromBase64, toBase64 } from '../schema/base64.js';

/**
 * Standard Webhooks signatures (https://www.standardwebhooks.com): HMAC-SHA256
 * over `{webhook-id}.{webhook-timestamp}.{body}` with the secret's bytes, sent
 * as `v1,<base64>`; several space-separated signatures when a secret is being
 * rotated. WebCrypto (`crypto.subtle`), so it runs in browsers, Deno, Bun and
 * Node 20 alike.
 */

/** The prefix of a Standard Webhooks secret: `whsec_` then the key's bytes in base64. */
export const SECRET_PREFIX = 'whsec_';

const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

/**
 * The key bytes of `secret`: `whsec_<base64>` (the prefix is optional, as in
 * the specification's libraries). Throws a `TypeError` for a secret that is
 * not base64 or shorter than 24 bytes (the specification asks for 24 to 64).
 */
export function secretBytes(secret: string): Uint8Array {
  const text = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  const bytes = fromBase64(text);
  if (bytes === undefined || bytes.length < 24 || bytes.length > 64)
    throw new TypeError(
      'contract-gen: a webhook secret is `whsec_` and 24 to 64 bytes in base64 (make one with `newWebhookSecret()`).',
    );
  return bytes;
}

/** A fresh random secret, `whsec_` and 32 bytes in base64. */
export function newWebhookSecret(): string {
  return SECRET_PREFIX + toBase64(crypto.getRandomValues(new Uint8Array(32)));
}

function keyOf(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (key === undefined) {
    key = crypto.subtle.importKey(
      'raw',
      secretBytes(secret) as Uint8Array<ArrayBuffer>,
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    // A handful of secrets per process (endpoints, rotations): the cache stays small.
    if (keys.size >= 256) keys.clear();
    keys.set(secret, key);
  }
  return key;
}

/**
 * Signs one message: the signature `v1,<base64>` of `id`, `timestamp` (in
 * seconds) and the body as sent, with `secret`. `signWebhook` (WebCrypto)
 * everywhere; on Node, `nodeWebhookSign` from
 * `@contract-gen/runtime/server/node` (node:crypto, synchronous: about a
 * tenth of WebCrypto's cost per request, bench/README.md, webhooks).
 */
export type WebhookSign = (
  secret: string,
  id: string,
  timestamp: number | string,
  body: string,
) => string | Promise<string>;

/** The signature `v1,<base64>` of one message (`id`, `timestamp` in seconds, the body as sent). */
export async function signWebhook(
  secret: string,
  id: string,
  timestamp: number | string,
  body: string,
): Promise<string> {
  const mac = await crypto.subtle.sign(
    'HMAC',
    await keyOf(secret),
    encoder.encode(`${id}.${timestamp}.${body}`),
  );
  return `v1,${toBase64(new Uint8Array(mac))}`;
}

/**
 * The `webhook-signature` header for `secrets` (the first is the current one;
 * the others are being rotated out, or in): their signatures, space-separated.
 */
export async function signatureHeader(
  secrets: readonly string[],
  id: string,
  timestamp: number,
  body: string,
): Promise<string> {
  return signatureHeaderWith(signWebhook, secrets, id, timestamp, body);
}

/** `signatureHeader` with another `sign`: a string at once when `sign` answers at once. */
export function signatureHeaderWith(
  sign: WebhookSign,
  secrets: readonly string[],
  id: string,
  timestamp: number,
  body: string,
): string | Promise<string> {
  const signatures = secrets.map((secret) => sign(secret, id, timestamp, body));
  return allNow(signatures)
    ? (signatures as string[]).join(' ')
    : settle(signatures).then((all) => all.join(' '));
}

/**
 * Whether `header` (a `webhook-signature` value) holds a `v1` signature of the
 * message made with one of `secrets`. Compared in constant time; other
 * versions (`v1a,...`) are skipped.
 */
export async function verifySignature(
  secrets: readonly string[],
  header: string,
  id: string,
  timestamp: string,
  body: string,
): Promise<boolean> {
  return verifySignatureWith(signWebhook, secrets, header, id, timestamp, body);
}

/** `verifySignature` with another `sign`: a boolean at once when `sign` answers at once. */
export function verifySignatureWith(
  sign: WebhookSign,
  secrets: readonly string[],
  header: string,
  id: string,
  timestamp: string,
  body: string,
): boolean | Promise<boolean> {
  const given = header
    .split(' ')
    .filter((part) => part.startsWith('v1,'))
    .map((part) => part.slice(3));
  if (given.length === 0) return false;
  const expected = secrets.map((secret) => sign(secret, id, timestamp, body));
  return allNow(expected)
    ? matchesAny(given, expected as string[])
    : settle(expected).then((all) => matchesAny(given, all));
}

/** Whether every value is already there (no promise among them). */
function allNow(values: readonly (string | Promise<string>)[]): boolean {
  return values.every((value) => typeof value === 'string');
}

/** The values, once every one is there. */
function settle(values: readonly (string | Promise<string>)[]): Promise<string[]> {
  return Promise.all(values.map((value) => Promise.resolve(value)));
}

/** Whether one of `given` (without `v1,`) equals one of `expected` (`v1,...`), every pair compared. */
function matchesAny(given: readonly string[], expected: readonly string[]): boolean {
  let found = false;
  for (const signature of expected)
    for (const candidate of given) if (sameText(candidate, signature.slice(3))) found = true;
  return found;
}

/** Equal strings, compared without stopping at the first difference. */
function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
