/**
 * The LSP base protocol's framing, by hand: each message is a header block
 * (`Content-Length: <bytes>\r\n`, optionally `Content-Type: ...\r\n`, then an
 * empty line) followed by exactly that many bytes of UTF-8 JSON
 * (https://microsoft.github.io/language-server-protocol/specifications/base/0.9/specification/).
 */

/** What the reader found wrong with the bytes it was given. The stream goes on after each. */
export interface FramingError {
  /** `bad-json`: the body is not JSON; `bad-header`: the header block has no usable Content-Length. */
  readonly code: 'bad-json' | 'bad-header';
  readonly message: string;
}

export interface MessageReader {
  /** Feeds the next bytes of the stream; calls back once per complete message, in order. */
  push(chunk: Uint8Array): void;
}

/** A header block longer than this without its blank line is garbage, not a header. */
const maxHeaderBytes = 8 * 1024;
/** Larger bodies are refused rather than buffered without end. */
export const maxBodyBytes = 64 * 1024 * 1024;
const headerEnd = Buffer.from('\r\n\r\n');

/**
 * Creates a reader that cuts a byte stream into messages. Chunks may end
 * anywhere (inside a header, inside a multi-byte character: the body is
 * decoded only once complete); one chunk may hold several messages. Bad
 * input never throws: it is reported through `onError` and skipped, so one
 * broken message does not end the session.
 */
export function createMessageReader(onMessage: (message: unknown) => void, onError: (error: FramingError) => void): MessageReader {
  let buffer: Buffer = Buffer.alloc(0);
  // The body length of the message whose header was read, while its body is incomplete.
  let bodyLength: number | undefined;

  // Set while skipping garbage, so a long run of it is reported once.
  let skipping = false;
  const report = (error: FramingError) => {
    if (!skipping) onError(error);
    skipping = true;
  };

  const step = (): boolean => {
    if (bodyLength === undefined) {
      const end = buffer.indexOf(headerEnd);
      if (end < 0) {
        if (buffer.length > maxHeaderBytes) {
          report({ code: 'bad-header', message: `No end of header within ${maxHeaderBytes} bytes; skipped what came.` });
          buffer = buffer.subarray(buffer.length - (headerEnd.length - 1));
        }
        return false;
      }
      // latin1: one character per byte, so indexes into the text are indexes into the buffer.
      const block = buffer.subarray(0, end).toString('latin1');
      const header = parseHeader(block);
      if (typeof header === 'string') {
        report({ code: 'bad-header', message: header });
        // Garbage before a real header (the rest of a skipped body): start again at the header.
        const resync = block.toLowerCase().lastIndexOf('content-length');
        buffer = buffer.subarray(resync > 0 ? resync : end + headerEnd.length);
        return true;
      }
      buffer = buffer.subarray(end + headerEnd.length);
      bodyLength = header;
    }
    if (buffer.length < bodyLength) return false;
    const body = buffer.subarray(0, bodyLength).toString('utf8');
    buffer = buffer.subarray(bodyLength);
    bodyLength = undefined;
    skipping = false;
    let message: unknown;
    try {
      message = JSON.parse(body);
    } catch (error) {
      onError({ code: 'bad-json', message: `The message is not JSON: ${(error as Error).message}` });
      return true;
    }
    onMessage(message);
    return true;
  };

  return {
    push(chunk) {
      buffer = buffer.length === 0 ? Buffer.from(chunk) : Buffer.concat([buffer, chunk]);
      while (buffer.length > 0 && step());
    },
  };
}

/** The body length a header block announces, or what is wrong with it. */
function parseHeader(block: string): number | string {
  let length: number | undefined;
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) return `A header line without ':' (${JSON.stringify(line.slice(0, 80))})`;
    // Header names are case-insensitive; only Content-Length matters (Content-Type is always UTF-8 JSON).
    if (line.slice(0, colon).trim().toLowerCase() !== 'content-length') continue;
    const value = line.slice(colon + 1).trim();
    if (!/^\d+$/.test(value)) return `Content-Length is not a number (${JSON.stringify(value.slice(0, 40))})`;
    length = Number(value);
  }
  if (length === undefined) return 'A header without Content-Length';
  if (length > maxBodyBytes) return `Content-Length ${length} is over the limit of ${maxBodyBytes} bytes`;
  return length;
}

/** Frames one message for writing: the header, then the JSON body as UTF-8 (the length counts bytes, not characters). */
export function encodeMessage(message: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
}
