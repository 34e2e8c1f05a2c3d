import { bodyNotUtf8, mayHideBadBytes } from './body-not-utf8.js';
import { BODY_TOO_LARGE, type BodyWatch, type CallInput } from './call-input.js';

const utf8 = new TextDecoder();
/** Only asked when the lenient decode found a replacement character: are the bytes really UTF-8? */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** A `CallInput` over a web-standard `Request` (`router.fetch`). */
export class WebCallInput implements CallInput {
  readonly httpMethod: string;
  readonly pathname: string;
  bodyRead = false;

  constructor(readonly request: Request) {
    this.httpMethod = request.method;
    this.pathname = pathnameOf(request.url);
  }

  header(name: string): string | undefined {
    return this.request.headers.get(name) ?? undefined;
  }

  /** A `Request` made in code may carry a body without a length header: its stream says, unless the length is 0. */
  hasBody(): boolean {
    return this.request.body !== null && this.header('content-length') !== '0';
  }

  /**
   * Streams the body, counting bytes; past `limit`, or at a chunk `watch` refuses (rejecting with its refusal), it
   * cancels the stream instead of reading on. Rejects bytes that are not UTF-8 (`BAD_REQUEST`).
   */
  async readBody(limit: number, watch?: BodyWatch): Promise<string | typeof BODY_TOO_LARGE> {
    this.bodyRead = true;
    const declared = this.header('content-length');
    if (declared !== undefined && Number(declared) > limit) return BODY_TOO_LARGE;
    const stream = this.request.body;
    if (stream === null) return '';
    const reader = stream.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => undefined);
        return BODY_TOO_LARGE;
      }
      const refusal = watch?.check(value);
      if (refusal !== undefined) {
        await reader.cancel().catch(() => undefined);
        throw refusal;
      }
      chunks.push(value);
    }
    const bytes = chunks.length === 1 ? (chunks[0] as Uint8Array) : concat(chunks, size);
    const text = utf8.decode(bytes);
    if (mayHideBadBytes(text)) {
      try {
        strictUtf8.decode(bytes);
      } catch {
        throw bodyNotUtf8();
      }
    }
    return text;
  }

  query(): string {
    const { url } = this.request;
    const mark = url.indexOf('?');
    if (mark === -1) return '';
    const hash = url.indexOf('#', mark);
    return hash === -1 ? url.slice(mark + 1) : url.slice(mark + 1, hash);
  }

  /** The request's signal aborts when its client disconnects (Deno, Bun, service workers). */
  onClose(listener: () => void): void {
    this.request.signal.addEventListener('abort', listener, { once: true });
  }

  toRequest(): Request {
    return this.request;
  }

  hostOrigin(): string {
    // A Request's URL is absolute and normalised: the origin is what comes before its path.
    const { url } = this.request;
    const path = url.indexOf('/', url.indexOf('://') + 3);
    return path === -1 ? url : url.slice(0, path);
  }
}

/** The path of an absolute URL, without query: cheaper than `new URL()` on every call. */
export function pathnameOf(url: string): string {
  const scheme = url.indexOf('://');
  const start = url.indexOf('/', scheme === -1 ? 0 : scheme + 3);
  if (start === -1) return '/';
  const query = url.indexOf('?', start);
  return query === -1 ? url.slice(start) : url.slice(start, query);
}

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
