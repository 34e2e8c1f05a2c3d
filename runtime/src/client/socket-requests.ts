import { ContractError } from '../protocol/contract-error.js';
import { fromErrorBody } from '../protocol/from-error-body.js';
import type { AnswerFrame } from '../protocol/ws-frames.js';

interface Pending {
  readonly resolve: (body: unknown) => void;
  readonly reject: (error: ContractError) => void;
  readonly timer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * Requests in flight over a socket (calls, releases), by the id their frame
 * carries. An answer settles its request: a 2xx with the frame (it has the
 * `result` member, like an HTTP body), anything else with the error the HTTP
 * binding would give for that status and body. When the socket ends first,
 * its requests fail with `UNAVAILABLE`: like a lost HTTP answer, the call may
 * or may not have run, so it is not sent again.
 */
export class SocketRequests {
  #next = 1;
  readonly #pending = new Map<number, Pending>();

  /** Sends the frame `build(id)` through `send`; resolves with the answer's body. */
  request(
    build: (id: number) => string,
    send: (text: string) => boolean,
    timeout: number | undefined,
    label: string,
  ): Promise<unknown> {
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      const timer =
        timeout === undefined
          ? undefined
          : setTimeout(
              () =>
                this.#fail(
                  id,
                  new ContractError('TIMEOUT', `No answer to ${label} within ${timeout} ms.`),
                ),
              timeout,
            );
      this.#pending.set(id, { resolve, reject, timer });
      if (!send(build(id)))
        this.#fail(
          id,
          new ContractError('UNAVAILABLE', `The WebSocket closed before ${label} was sent.`),
        );
    });
  }

  settle(frame: AnswerFrame): void {
    const pending = this.#pending.get(frame.id);
    if (pending === undefined) return;
    this.#pending.delete(frame.id);
    clearTimeout(pending.timer);
    if (frame.status >= 200 && frame.status < 300) pending.resolve(frame);
    else pending.reject(fromErrorBody(frame.status, frame));
  }

  /** The socket ended: every request still waiting fails with `error`. */
  failAll(error: ContractError): void {
    for (const id of [...this.#pending.keys()]) this.#fail(id, error);
  }

  #fail(id: number, error: ContractError): void {
    const pending = this.#pending.get(id);
    if (pending === undefined) return;
    this.#pending.delete(id);
    clearTimeout(pending.timer);
    pending.reject(error);
  }
}
