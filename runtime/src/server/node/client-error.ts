import type { Duplex } from 'node:stream';
import { securityHeaders } from '../security-headers.js';

/** The answer to a request node:http refused before the router saw it, by Node's error code. */
const refusals: Readonly<Record<string, readonly [status: string, code: string, message: string]>> =
  {
    ERR_HTTP_REQUEST_TIMEOUT: [
      '408 Request Timeout',
      'TIMEOUT',
      'The request did not arrive in time (the server allows requestTimeout, 30 s by default, for headers and body).',
    ],
    HPE_HEADER_OVERFLOW: [
      '431 Request Header Fields Too Large',
      'TOO_LARGE',
      "The request's headers are larger than the server accepts (Node's maxHeaderSize, 16 KiB by default).",
    ],
    HPE_CHUNK_EXTENSIONS_OVERFLOW: [
      '413 Payload Too Large',
      'TOO_LARGE',
      "The request's chunk extensions are larger than the server accepts.",
    ],
  };

const badRequest = [
  '400 Bad Request',
  'BAD_REQUEST',
  'The request is not HTTP/1.1 the server can read (its request line, a header or the chunked body is malformed).',
] as const;

/** The security headers as raw header lines (computed once). */
const headerLines = Object.entries(securityHeaders)
  .map(([name, value]) => `${name}: ${value}\r\n`)
  .join('');

/**
 * node:http's `clientError` listener of `createServer`: the answers Node
 * would write itself (408 after `requestTimeout`, 431 for headers over
 * `maxHeaderSize`, 400 for what does not parse as HTTP) with the security
 * headers every other answer carries and a JSON error with a code, then the
 * connection closes, as Node's own. As Node, it writes nothing once an
 * answer has begun on the connection, nor to a socket that can no longer be
 * written (the peer reset it).
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (!socket.writable || inFlight?.headersSent === true) return void socket.destroy();
  const [status, code, message] = refusals[error.code ?? ''] ?? badRequest;
  const body = JSON.stringify({ error: { code, message } });
  socket.end(
    `HTTP/1.1 ${status}\r\n${headerLines}content-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    // Written: close the connection whether or not the client ends its side (a slow body never does).
    () => socket.destroy(),
  );
}
