import {
  Agent as HttpAgent,
  request as httpRequest,
  type ClientRequest,
  type IncomingMessage,
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import {
  webhookTimeout,
  webhookTransport,
  type WebhookPost,
  type WebhookTransport,
} from '../webhooks/webhook-transport.js';
import { nodeWebhookSign } from './node-webhook-sign.js';

/** What `createWebhooks` asks of its `fetch`: a POST of a string body, its status back. */
type WebhookFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** An answer's body is read this far at most, then the socket is dropped (only the status counts). */
const MAX_ANSWER_BYTES = 65_536;

/** Where a URL's requests go, worked out once per URL (an endpoint sends all its requests to one). */
interface Target {
  readonly secure: boolean;
  readonly hostname: string;
  readonly port: number;
  readonly path: string;
  /** The `Host` header: node:http adds none when the headers are given as a list. */
  readonly host: string;
}

/** What every request of one `webhookFetch` shares: its keep-alive agents and the targets of the URLs seen. */
interface Shared {
  readonly http: HttpAgent;
  readonly https: HttpsAgent;
  readonly targets: Map<string, Target>;
}

/**
 * A `fetch` for `createWebhooks(router, { fetch: webhookFetch() })` on
 * Node, over node:http and node:https with keep-alive agents: about twice
 * the requests per second of Node's global `fetch` (undici) for the sender
 * (bench/README.md, webhooks). It does only what the sender needs: `POST`
 * (or any method) with string headers and a string body, `signal` to abort,
 * no redirects followed (a 3xx is answered as it is), and an answer whose
 * status is all that is kept (its body is read away, up to 64 KiB).
 *
 * It carries the sender's Node transport too, which `createWebhooks` uses
 * in its place: the same requests without a `Response`, `AbortSignal` or
 * listener per request, and signatures made with node:crypto
 * (`nodeWebhookSign`) rather than WebCrypto.
 */
export function webhookFetch(): WebhookFetch {
  const shared: Shared = {
    http: new HttpAgent({ keepAlive: true }),
    https: new HttpsAgent({ keepAlive: true }),
    targets: new Map(),
  };
  const fetchLike: WebhookFetch = (input, init = {}) =>
    new Promise((resolve, reject) => {
      const { signal } = init;
      if (signal?.aborted === true) return reject(abortReason(signal));
      const abort = () => (request as ClientRequest).destroy(abortReason(signal as AbortSignal));
      const request = send(
        shared,
        input instanceof Request ? input.url : String(input),
        init.method ?? 'GET',
        init.headers,
        typeof init.body === 'string' ? init.body : '',
        (status) => {
          // The signal is listened to until the status comes, rather than given to node:http, which
          // watches the request's whole life through stream helpers.
          signal?.removeEventListener('abort', abort);
          resolve(new Response(null, { status }));
        },
        (error) => {
          signal?.removeEventListener('abort', abort);
          reject(error);
        },
      );
      if (request !== undefined) signal?.addEventListener('abort', abort, { once: true });
    });
  const post: WebhookPost = (url, headers, body, timeoutMs) =>
    new Promise((resolve, reject) => {
      // A timer rather than an AbortSignal: nothing but the timeout can end the request early.
      const timer = setTimeout(() => request?.destroy(webhookTimeout(timeoutMs)), timeoutMs);
      const request = send(
        shared,
        url,
        'POST',
        headers,
        body,
        (status) => {
          clearTimeout(timer);
          resolve(status);
        },
        (error) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  const transport: WebhookTransport = { post, sign: nodeWebhookSign };
  return Object.assign(fetchLike, { [webhookTransport]: transport });
}

/**
 * Starts one request: `answered` gets the status once it came (the body is
 * then read away, up to `MAX_ANSWER_BYTES`), `failed` the error if none
 * came. `undefined` (and `failed` called) for a URL that is not http(s).
 */
function send(
  shared: Shared,
  url: string,
  method: string,
  given: HeadersInit | undefined,
  body: string,
  answered: (status: number) => void,
  failed: (error: Error) => void,
): ClientRequest | undefined {
  const target = targetOf(shared.targets, url);
  if (typeof target === 'string') return void failed(new TypeError(`webhookFetch: ${target}`));
  const options = {
    method,
    hostname: target.hostname,
    port: target.port,
    path: target.path,
    // A flat list: node:http checks each name and value, but builds no header map from it.
    headers: headerList(target.host, given, Buffer.byteLength(body)),
    agent: target.secure ? shared.https : shared.http,
  };
  const onAnswer = (answer: IncomingMessage): void => {
    let read = 0;
    answer.on('data', (chunk: Buffer) => {
      read += chunk.length;
      if (read > MAX_ANSWER_BYTES) answer.destroy();
    });
    answer.on('error', () => {});
    // The status stands once it came; the body is only read away.
    answered(answerStatus(answer.statusCode));
  };
  const request = target.secure ? httpsRequest(options, onAnswer) : httpRequest(options, onAnswer);
  request.on('error', failed);
  request.end(body);
  return request;
}

/** The target of `url`, from `cache` when it was seen before; what is wrong with it otherwise. */
function targetOf(cache: Map<string, Target>, url: string): Target | string {
  const known = cache.get(url);
  if (known !== undefined) return known;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `${url} is not a URL`;
  }
  const secure = parsed.protocol === 'https:';
  if (!secure && parsed.protocol !== 'http:') return `${parsed.protocol} is not http(s)`;
  const target: Target = {
    secure,
    // An IPv6 literal is bracketed in a URL, not in a host name to connect to.
    hostname: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: parsed.port === '' ? (secure ? 443 : 80) : Number(parsed.port),
    path: `${parsed.pathname}${parsed.search}`,
    host: parsed.host,
  };
  // A sender has a URL per endpoint: a few, unless callers choose them (then the cache starts again).
  if (cache.size >= 1024) cache.clear();
  cache.set(url, target);
  return target;
}

/** `Host`, the given headers, and `content-length`, as node:http's flat list of names and values. */
function headerList(host: string, given: HeadersInit | undefined, length: number): string[] {
  const list = ['host', host];
  const add = (name: string, value: string): void => {
    // These two are the request's own: what it is sent to and how long its body is.
    const lower = name.toLowerCase();
    if (lower !== 'host' && lower !== 'content-length') list.push(name, value);
  };
  if (given instanceof Headers) given.forEach((value, name) => add(name, value));
  else if (Array.isArray(given)) for (const [name, value] of given) add(name, value);
  else if (given !== undefined) for (const [name, value] of Object.entries(given)) add(name, value);
  list.push('content-length', String(length));
  return list;
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
