import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/** What `createWebhooks` asks of its `fetch`: a POST of a string body, its status back. */
type WebhookFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** An answer's body is read this far at most, then the socket is dropped (only the status counts). */
const MAX_ANSWER_BYTES = 65_536;

/**
 * A `fetch` for `createWebhooks(router, { fetch: webhookFetch() })` on
 * Node, over node:http and node:https with keep-alive agents: about twice
 * the requests per second of Node's global `fetch` (undici) for the sender
 * (bench/README.md, webhooks). It does only what the sender needs: `POST`
 * (or any method) with string headers and a string body, `signal` to abort,
 * no redirects followed (a 3xx is answered as it is), and an answer whose
 * status is all that is kept (its body is read away, up to 64 KiB).
 */
export function webhookFetch(): WebhookFetch {
  const agents = {
    'http:': new HttpAgent({ keepAlive: true }),
    'https:': new HttpsAgent({ keepAlive: true }),
  };
  return (input, init = {}) =>
    new Promise((resolve, reject) => {
      const url = new URL(input instanceof Request ? input.url : input);
      const secure = url.protocol === 'https:';
      if (!secure && url.protocol !== 'http:')
        return reject(new TypeError(`webhookFetch: ${url.protocol} is not http(s)`));
      const { signal } = init;
      if (signal?.aborted === true) return reject(abortReason(signal));
      const body = typeof init.body === 'string' ? init.body : '';
      const headers = { ...(init.headers as Record<string, string> | undefined) };
      headers['content-length'] = String(Buffer.byteLength(body));
      const options = {
        method: init.method ?? 'GET',
        headers,
        agent: agents[secure ? 'https:' : 'http:'],
      };
      // The signal is listened to here until the status comes, rather than given to node:http, which
      // watches the request's whole life through stream helpers: about 15 µs less per request.
      const abort = () => request.destroy(abortReason(signal as AbortSignal));
      const answered = (answer: IncomingMessage) => {
        signal?.removeEventListener('abort', abort);
        let read = 0;
        answer.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_ANSWER_BYTES) answer.destroy();
        });
        answer.on('error', () => {});
        // The status stands once it came; the body is only read away.
        resolve(new Response(null, { status: answerStatus(answer.statusCode) }));
      };
      const request = secure
        ? httpsRequest(url, options, answered)
        : httpRequest(url, options, answered);
      signal?.addEventListener('abort', abort, { once: true });
      request.on('error', (error) => {
        signal?.removeEventListener('abort', abort);
        reject(error);
      });
      request.end(body);
    });
}

/** What an aborted request rejects with: the signal's reason, an Error as fetch's would be. */
function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error
    ? reason
    : new DOMException('The request was aborted.', 'AbortError');
}

/** A status `Response` accepts (200 to 599; 1xx and odd ones count as a failure, 502). */
function answerStatus(status: number | undefined): number {
  return status !== undefined && status >= 200 && status <= 599 ? status : 502;
}
