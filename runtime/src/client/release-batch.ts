import { EVENT_ENDPOINTS } from '../protocol/messages.js';
import { isClientGone } from './client-gone.js';
import type { ClientSession } from './client-session.js';
import { parseAnswer } from './parse-answer.js';

/**
 * Collects the ids released in one turn of the event loop into one
 * `POST _release` (a view that drops fifty subscriptions sends one request),
 * or one `release` frame over the open socket (`viaSocket`, which gives
 * `undefined` when there is none). Returns `add(id)`, which queues `id` for
 * release by the current client and resolves when the server acknowledged
 * the batch; a 410 (or a 403 `FOREIGN_CLIENT`) also resolves, since a
 * client the server no longer serves has nothing left to release.
 */
export function releaseBatch(
  session: ClientSession,
  timeout: number | undefined,
  viaSocket: (ids: readonly number[]) => Promise<unknown> | undefined,
): (id: number) => Promise<void> {
  let ids: number[] = [];
  let pending: Promise<void> | undefined;

  async function flush(): Promise<void> {
    const batch = ids;
    ids = [];
    pending = undefined;
    const client = session.id;
    // No client (expired meanwhile): the server released these with it.
    if (client === undefined || session.closing.aborted) return;
    const overHttp = () =>
      session
        .request(EVENT_ENDPOINTS.release, 'POST', client, JSON.stringify(batch), timeout)
        .then(parseAnswer);
    try {
      // A socket that closed with 1012 (the server drains) before answering did not release: over HTTP then.
      await (viaSocket(batch)?.catch((error: unknown) => {
        if ((error as { code?: unknown }).code === 'DRAINING') return overHttp();
        throw error;
      }) ?? overHttp());
    } catch (error) {
      if (!isClientGone(error)) throw error;
    }
  }

  return (id) => {
    ids.push(id);
    pending ??= Promise.resolve().then(flush);
    return pending;
  };
}
