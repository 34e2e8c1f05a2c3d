import { isUtf8 } from 'node:buffer';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bodyNotUtf8, mayHideBadBytes } from '../body-not-utf8.js';
import {
  BODY_TOO_LARGE,
  headAnnouncesBody,
  type BodyWatch,
  type CallInput,
} from '../call-input.js';
import { originForm } from './request-target.js';

/**
 * A `CallInput` straight over node:http's `IncomingMessage`: the hot path of
 * a Node server. No `Request`, `Headers` or web stream is built unless a
 * handler reads `ctx.request`.
 */
export class NodeCallInput implements CallInput {
  readonly httpMethod: string;
  readonly pathname: string;
  /** The request target in origin form (`/path?query`), whichever form the request line used. */
  readonly target: string;
  bodyRead = false;

  constructor(
    readonly req: IncomingMessage,
    readonly res?: ServerResponse,
  ) {
    this.httpMethod = req.method ?? 'GET';
    const url = req.url ?? '/';
    this.target = url.startsWith('/') ? url : originForm(url);
    const mark = this.target.indexOf('?');
    this.pathname = mark === -1 ? this.target : this.target.slice(0, mark);
  }

  query(): string {
    const mark = this.target.indexOf('?');
    return mark === -1 ? '' : this.target.slice(mark + 1);
  }

  /** 'close' of the response: the connection ended, or the answer was written (then the listener finds nothing to do). */
  onClose(listener: () => void): void {
    // A response closes once, so `on` will do there: `once` costs a wrapper and its state per parked poll.
    // A socket outlives its requests (keep-alive): there the listener must go after one call.
    if (this.res !== undefined) this.res.on('close', listener);
    else this.req.socket.once('close', listener);
  }

  header(name: string): string | undefined {
    const value = this.req.headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  }

  hasBody(): boolean {
    return headAnnouncesBody(this);
  }

  readBody(limit: number, watch?: BodyWatch): Promise<string | typeof BODY_TOO_LARGE> {
    this.bodyRead = true;
    return readNodeBody(this.req, limit, watch);
  }

  toRequest(): Request {
    const { req } = this;
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (Array.isArray(value)) for (const item of value) headers.append(name, item);
      else if (value !== undefined) headers.set(name, value);
    }
    return new Request(`${this.hostOrigin()}${this.target}`, {
      method: req.method ?? 'GET',
      headers,
    });
  }

  hostOrigin(): string {
    const scheme =
      (this.req.socket as { encrypted?: boolean }).encrypted === true ? 'https' : 'http';
    return `${scheme}://${this.req.headers.host ?? 'localhost'}`;
  }
}

/**
 * Reads the body as UTF-8 text, counting bytes as they arrive. A declared
 * `content-length` over the limit is refused before reading anything; a
 * chunked body is refused as soon as it passes the limit, and what follows is
 * not read (the answer then closes the connection). So is what
 * follows a chunk `watch` refuses; the promise rejects with its refusal.
 * Bytes that are not UTF-8 reject with a `BAD_REQUEST` `ContractError`.
 */
export function readNodeBody(
  req: IncomingMessage,
  limit: number,
  watch?: BodyWatch,
): Promise<string | typeof BODY_TOO_LARGE> {
  if (req.readableEnded) return Promise.resolve(alreadyRead(req, limit));
  const declared = req.headers['content-length'];
  // Not even drained: the 413 closes the connection, which ends the upload.
  if (declared !== undefined && Number(declared) > limit) return Promise.resolve(BODY_TOO_LARGE);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      const refusal = size <= limit ? watch?.check(chunk) : undefined;
      if (size <= limit && refusal === undefined) return void chunks.push(chunk);
      settled = true;
      req.off('data', onData);
      // Not drained: the rest stays unread (at most the socket's receive buffer) until the answer closes the
      // connection. Reading four senders' 1 MiB bodies to the end, only to discard them, cost a third of the
      // server's time in the kernel (issue 18).
      req.pause();
      if (refusal === undefined) resolve(BODY_TOO_LARGE);
      else reject(refusal);
    };
    req.on('data', onData);
    req.on('end', () => {
      settled = true;
      const bytes = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size);
      const text = bytes.toString('utf8');
      if (mayHideBadBytes(text) && !isUtf8(bytes)) reject(bodyNotUtf8());
      else resolve(text);
    });
    req.on('error', reject);
    // A client that disconnects mid-body never sends 'end'; settle so nothing waits forever. 'close' also
    // follows every normal request, so the Error (whose stack costs microseconds) is made only when needed.
    req.on('close', () => settled || reject(new Error('request closed before its body ended')));
  });
}

/**
 * A body some middleware already consumed (Express's `express.json()` leaves
 * it in `req.body`): waiting for 'end' would hang, so use what it left.
 */
function alreadyRead(req: IncomingMessage, limit: number): string | typeof BODY_TOO_LARGE {
  const body: unknown = (req as IncomingMessage & { body?: unknown }).body;
  const text =
    typeof body === 'string'
      ? body
      : body instanceof Uint8Array
        ? Buffer.from(body).toString('utf8')
        : body === undefined
          ? ''
          : JSON.stringify(body);
  return Buffer.byteLength(text) > limit ? BODY_TOO_LARGE : text;
}
