import { ContractError } from '../protocol/contract-error.js';

/**
 * The 400 for a body whose bytes are not UTF-8. Decoders replace bad bytes
 * with U+FFFD without a word, which would hand a handler a string the caller
 * never sent; the readers check the bytes whenever the text holds a U+FFFD
 * (rare in real bodies, so valid input pays one scan of its text).
 */
export function bodyNotUtf8(): ContractError {
  return new ContractError(
    'BAD_REQUEST',
    'The body is not valid UTF-8: send JSON encoded as UTF-8.',
  );
}

/** Whether decoded `text` may hide invalid bytes (it holds a replacement character). */
export function mayHideBadBytes(text: string): boolean {
  return text.includes('\uFFFD');
}
