// The `fetch` the chat page gives its connection: the browser's, told two
// things the browser knows and a bare fetch ignores.

const inFlight = new Set<(error: Error) => void>();

// A held long poll can outlive the network: its connection may stay open,
// silent, long after the browser has said it is offline (Chromium's offline
// emulation leaves it open until the server answers). Failing it at once
// shows the truth in the badge and starts the client's reconnect, which
// resumes from the last event it saw: nothing is lost, nothing repeats.
addEventListener('offline', () => {
  for (const fail of inFlight) fail(new TypeError('the browser went offline'));
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
  const signal = init?.signal ? AbortSignal.any([init.signal, controller.signal]) : controller.signal;
  return new Promise<Response>((resolve, reject) => {
    const fail = (error: Error): void => {
      reject(error);
      controller.abort(error);
    };
    inFlight.add(fail);
    fetch(input, { ...init, signal, ...(closing ? { keepalive: true } : {}) })
      .then(resolve, reject)
      .finally(() => inFlight.delete(fail));
  });
};
