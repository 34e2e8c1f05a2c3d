import { ContractError } from '../protocol/contract-error.js';

/**
 * The request's body as text, refused with 413 `TOO_LARGE` past `max` bytes
 * (by its `content-length`, or while reading when it has none), and with
 * 400 `BAD_REQUEST` when it is not UTF-8.
 */
export async function readLimitedBody(request: Request, max: number): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > max) throw tooLarge(max);
  const reader = request.body?.getReader();
  if (reader === undefined) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > max) {
      await reader.cancel();
      throw tooLarge(max);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ContractError('BAD_REQUEST', 'The webhook body is not UTF-8 text.');
  }
}

/** The 413 of a body past `max` bytes. */
export function tooLarge(max: number): ContractError {
  return new ContractError(
    'TOO_LARGE',
    `The webhook body is larger than this receiver accepts (${max} bytes, maxBodyBytes).`,
  );
}
