import { EVENT_ENDPOINTS } from '../protocol/messages.js';
import { isClientGone } from './client-gone.js';
import type { ClientSession } from './client-session.js';
import { parseAnswer } from './parse-answer.js';

/**
 * Collects the ids released in one turn of the event loop into one
 * `POST _release` (a view that drops fifty subscriptions sends one request).
 * Every `add` of a batch resolves when the server acknowledged it; a 410 (or
 * a 403 `FOREIGN_CLIENT`) also resolves, since a client the server no longer
 * serves has nothing left to release.
 */
export class ReleaseBatch {
  #ids: number[] = [];
  #pending: Promise<void> | undefined;

  readonly #session: ClientSession;
  readonly #timeout: number | undefined;
  /** Sends the release over an open socket (a `release` frame), or `undefined` to use HTTP. */
  readonly #viaSocket: (ids: readonly number[]) => Promise<unknown> | undefined;

  constructor(
    session: ClientSession,
    timeout: number | undefined,
    viaSocket: (ids: readonly number[]) => Promise<unknown> | undefined = () => undefined,
  ) {
    this.#session = session;
    this.#timeout = timeout;
    this.#viaSocket = viaSocket;
  }

  /** Queues `id` for release by the current client. */
  add(id: number): Promise<void> {
    this.#ids.push(id);
    this.#pending ??= Promise.resolve().then(() => this.#flush());
    return this.#pending;
  }

  async #flush(): Promise<void> {
    const ids = this.#ids;
    this.#ids = [];
    this.#pending = undefined;
    const client = this.#session.id;
    // No client (expired meanwhile): the server released these with it.
    if (client === undefined || this.#session.closing.aborted) return;
    try {
      const overSocket = this.#viaSocket(ids);
      if (overSocket !== undefined) await overSocket;
      else
        parseAnswer(
          await this.#session.request(
            EVENT_ENDPOINTS.release,
            'POST',
            client,
            JSON.stringify(ids),
            { timeout: this.#timeout },
          ),
        );
    } catch (error) {
      if (isClientGone(error)) return;
      throw error;
    }
  }
}
