import type { WebhookSign } from '../../webhooks/webhook-signature.js';

/**
 * POSTs one signed batch: resolves with the answer's status (its body is
 * read away), rejects with an `Error` saying why there was none (a network
 * error, the timeout). No redirect is followed.
 */
export type WebhookPost = (
  url: string,
  headers: Readonly<Record<string, string>>,
  body: string,
  timeoutMs: number,
) => Promise<number>;

/**
 * What a host's glue may carry beside its `fetch` (`webhookFetch` on Node):
 * a way to POST without a `Response`, `AbortSignal` or listener per request,
 * and its HMAC. About 45 µs less per request than going through `fetch`
 * (bench/README.md, webhooks).
 */
export interface WebhookTransport {
  readonly post: WebhookPost;
  readonly sign?: WebhookSign;
}

/** The key a `fetch` keeps its `WebhookTransport` under. */
export const webhookTransport: unique symbol = Symbol('contract-gen.webhook-transport');

/** The transport `fetch` carries, if it is a host's glue that has one. */
export function transportOf(fetcher: unknown): WebhookTransport | undefined {
  const transport = (fetcher as { [webhookTransport]?: WebhookTransport } | undefined)?.[
    webhookTransport
  ];
  return typeof transport?.post === 'function' ? transport : undefined;
}

/** Why a request was given up: what `AbortSignal.timeout` would say, and after how long. */
export function webhookTimeout(ms: number): DOMException {
  return new DOMException(`The request timed out after ${ms} ms (timeoutMs).`, 'TimeoutError');
}

/**
 * `WebhookPost` over any `fetch`: a redirect is not followed (it would send
 * the body where the endpoint's owner did not register), the request is
 * aborted after `timeoutMs`, and the answer's body read away.
 */
export function postWithFetch(fetcher: typeof fetch): WebhookPost {
  return async (url, headers, body, timeoutMs) => {
    // A timer cleared when the answer came, rather than AbortSignal.timeout: that one lives on for the whole
    // timeout (15 s of them pending at a thousand requests a second) and costs about 6 µs to make.
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(webhookTimeout(timeoutMs)), timeoutMs);
    try {
      const response = await fetcher(url, {
        method: 'POST',
        headers,
        body,
        redirect: 'manual',
        signal: abort.signal,
      });
      await discardBody(response);
      return response.status;
    } finally {
      clearTimeout(timer);
    }
  };
}

/** A receiver's answer is read this far at most (then the connection is dropped): only its status counts. */
const MAX_ANSWER_BYTES = 65_536;

/**
 * Reads the answer's body away, so its connection can carry the next request
 * (cancelling would close it, and costs an exception); past
 * `MAX_ANSWER_BYTES` the rest is cancelled.
 */
async function discardBody(response: Response): Promise<void> {
  const reader = response.body?.getReader();
  if (reader === undefined) return;
  try {
    for (let read = 0; ;) {
      const chunk = await reader.read();
      if (chunk.done) return;
      read += chunk.value.length;
      if (read > MAX_ANSWER_BYTES) return void (await reader.cancel());
    }
  } catch {
    // The answer broke off after its status: the status stands.
  }
}
