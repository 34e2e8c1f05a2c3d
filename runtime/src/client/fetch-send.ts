import type { Send } from './exchange.js';

/**
 * A `Send` over `fetchImpl` (default: the global `fetch`, looked up now).
 * Called as a plain function: some fetch implementations refuse a `this`
 * other than globalThis.
 */
export function fetchSend(fetchImpl: typeof fetch = globalThis.fetch): Send {
  return (url, init) => fetchImpl(url, init);
}
