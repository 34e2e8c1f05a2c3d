import { ContractError } from '../protocol/contract-error.js';
import { say } from '../messages.js';

/**
 * Sends one HTTP request: `fetch`, a router's `fetch` with a real `Request`,
 * or `nodeHttpSend`. Only the status and the body text are read.
 */
export type Send = (url: string, init: RequestInit) => Promise<SentAnswer>;

/** What a `Send` resolves with: a fetch `Response` fits. */
export interface SentAnswer {
  readonly status: number;
  text(): Promise<string>;
}

/** An answer as it arrived: the status and the body text (parsed by the caller, once). */
export interface RawAnswer {
  readonly status: number;
  readonly text: string;
}

/** A `Send` that rejects as soon as `init.signal` aborts (`nodeHttpSend`): `exchange` need not listen for the abort itself. */
export interface AbortingSend extends Send {
  readonly honorsAbort: true;
}

/**
 * Sends a request and reads its whole body. A network failure becomes
 * `UNAVAILABLE` (the cause attached), no complete answer within `timeout`
 * `TIMEOUT`. `controller` is the caller's for this exchange alone: its
 * signal goes to `send`, aborting it ends the exchange at once with the
 * abort's reason when that is a `ContractError` (even when `send` ignores
 * aborts, as a router called in-process does, so closing a connection never
 * waits for a parked long poll), and a timeout or a failure aborts it.
 */
export function exchange(
  send: Send,
  url: string,
  init: RequestInit,
  timeout: number | undefined,
  controller: AbortController,
): Promise<RawAnswer> {
  const { signal } = controller;
  // A send that honours its signal rejects by itself when the controller aborts.
  const listens = (send as Partial<AbortingSend>).honorsAbort !== true;
  return new Promise<RawAnswer>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const settle = (error: ContractError | undefined, answer?: RawAnswer) => {
      clearTimeout(timer);
      if (listens) signal.removeEventListener('abort', onAbort);
      if (error === undefined) resolve(answer as RawAnswer);
      else {
        reject(error);
        controller.abort(error);
      }
    };
    const onAbort = () => settle(abortError(signal.reason, url));
    if (signal.aborted) return onAbort();
    if (listens) signal.addEventListener('abort', onAbort);
    if (timeout !== undefined) {
      timer = setTimeout(
        () => settle(new ContractError('TIMEOUT', say('no-answer', url, timeout))),
        timeout,
      );
    }
    send(url, { ...init, signal })
      .then(async (response) =>
        settle(undefined, { status: response.status, text: await response.text() }),
      )
      // Aborted (by the caller, or by a timeout that settled first): the abort's reason, not the send's error.
      .catch((error: unknown) =>
        settle(signal.aborted ? abortError(signal.reason, url) : unavailable(url, error)),
      );
  });
}

function unavailable(url: string, error: unknown): ContractError {
  if (error instanceof ContractError) return error;
  return new ContractError('UNAVAILABLE', say('unreachable', url, error), { cause: error });
}

function abortError(reason: unknown, url: string): ContractError {
  return reason instanceof ContractError
    ? reason
    : new ContractError('UNAVAILABLE', say('aborted', url), { cause: reason });
}
