import type { TypeRef } from '../contract/model.js';

/**
 * Whether a receiver whose (non-container) type is `recv` decodes every wire
 * value of `sent`. Decided by the wire encodings (docs/contracts.md):
 * `string` reads a `Date`, `bigint` or `Uint8Array` (all strings on the
 * wire), but `Date` reads only ISO dates; `null`, `undefined` and `void` are
 * all `null`.
 */
export function leafAccepts(recv: TypeRef, sent: TypeRef): boolean {
  if (isTop(recv)) return true;
  if (isNullish(recv)) return isNullish(sent);
  switch (recv.kind) {
    case 'primitive':
      if (recv.name === 'string')
        return (
          sent.kind === 'date' ||
          sent.kind === 'bytes' ||
          isPrimitive(sent, 'string') ||
          isPrimitive(sent, 'bigint') ||
          isLiteral(sent, 'string')
        );
      if (recv.name === 'number') return isPrimitive(sent, 'number') || isLiteral(sent, 'number');
      if (recv.name === 'boolean')
        return isPrimitive(sent, 'boolean') || isLiteral(sent, 'boolean');
      return isPrimitive(sent, recv.name);
    case 'literal':
      return sent.kind === 'literal' && sent.value === recv.value;
    case 'date':
    case 'bytes':
      return sent.kind === recv.kind;
    case 'callback':
      return sent.kind === 'callback' && sent.name === recv.name;
    // A reference names its service: a client expecting a Room cannot call a Lobby's methods on it.
    case 'service':
      return sent.kind === 'service' && sent.name === recv.name;
    case 'unsupported':
      return sent.kind === 'unsupported' && sent.text === recv.text;
    default:
      return false;
  }
}

/** `unknown` and `any` take anything. */
export function isTop(ref: TypeRef): boolean {
  return (
    (ref.kind === 'primitive' && ref.name === 'unknown') ||
    (ref.kind === 'unsupported' && ref.what === 'any')
  );
}

function isNullish(ref: TypeRef): boolean {
  return (
    ref.kind === 'void' ||
    (ref.kind === 'primitive' && (ref.name === 'null' || ref.name === 'undefined'))
  );
}

function isPrimitive(ref: TypeRef, name: string): boolean {
  return ref.kind === 'primitive' && ref.name === name;
}

function isLiteral(ref: TypeRef, type: 'string' | 'number' | 'boolean'): boolean {
  return ref.kind === 'literal' && typeof ref.value === type;
}
