// The network the chat page gives its connection: the browser's `fetch` and
// `WebSocket`, told one thing the browser knows and they ignore. A held long
// poll or an open WebSocket can outlive the network: the connection stays
// open, silent, long after the browser has said it is offline (Chromium's
// offline emulation leaves both open; a real network can leave them hanging
// until a timeout). Ending them at once shows the truth in the badge and
// starts the client's reconnect, which resumes after the last event it saw:
// nothing is lost, nothing repeats.
import type { WebSocketLike } from '@contract-gen/runtime/client';

/** What to end when the browser goes offline. */
const live = new Set<(why: Error) => void>();

addEventListener('offline', () => {
  for (const end of live) end(new TypeError('the browser went offline'));
});

/**
 * `fetch`, except that requests in flight fail as soon as the browser goes
 * offline, and the connection's last request (`POST _close`) is sent with
 * `keepalive`, so it outlives a closing tab and the member leaves at once.
 */
export const pageFetch: typeof fetch = (input, init) => {
  if (!navigator.onLine) return Promise.reject(new TypeError('the browser is offline'));
  const closing = typeof input === 'string' && input.endsWith('/_close');
  const controller = new AbortController();
  const signal = init?.signal
    ? AbortSignal.any([init.signal, controller.signal])
    : controller.signal;
  return new Promise<Response>((resolve, reject) => {
    const fail = (error: Error): void => {
      reject(error);
      controller.abort(error);
    };
    live.add(fail);
    fetch(input, { ...init, signal, ...(closing ? { keepalive: true } : {}) })
      .then(resolve, reject)
      .finally(() => live.delete(fail));
  });
};

/**
 * The browser's WebSocket, except that it closes as on a lost network (code
 * 1006) as soon as the browser goes offline. Pass it as `connect`'s
 * `WebSocket` option.
 */
export class PageWebSocket implements WebSocketLike {
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  readonly #socket: WebSocket;
  readonly #lose = (): void => this.#lost();

  constructor(url: string, protocols?: string | string[]) {
    const socket = (this.#socket = new WebSocket(url, protocols));
    const lose = this.#lose;
    live.add(lose);
    socket.onopen = (event) => this.onopen?.(event);
    socket.onmessage = (event) => this.onmessage?.(event);
    socket.onerror = (event) => this.onerror?.(event);
    socket.onclose = (event) => {
      live.delete(lose);
      this.onclose?.(event);
    };
  }

  get readyState(): number {
    return this.#socket.readyState;
  }

  get bufferedAmount(): number {
    return this.#socket.bufferedAmount;
  }

  send(data: string): void {
    this.#socket.send(data);
  }

  close(code?: number, reason?: string): void {
    this.#socket.close(code, reason);
  }

  #lost(): void {
    live.delete(this.#lose);
    const socket = this.#socket;
    socket.onopen = socket.onmessage = socket.onerror = socket.onclose = null;
    socket.close();
    this.onclose?.({ code: 1006, reason: 'the browser went offline' });
  }
}
