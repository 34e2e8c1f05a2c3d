import { ContractError } from '../protocol/contract-error.js';
import type { ServiceDescriptor } from '../schema/schema-types.js';
import { backoffDelay } from './backoff.js';
import type { BackoffOptions } from './connect-options.js';

/**
 * The server released a callback object by itself (`ConnectOptions.onReleased`):
 * a release notice, sent when the server process that held the object's
 * subscription in memory stopped, was killed or restarted.
 */
export interface ReleaseNotice {
  /** The local object: it gets no more events (it is released here too) unless subscribed again. */
  readonly callback: object;
  /** Why: `server-restart`, or another reason a server gives. */
  readonly reason: string;
  /**
   * With `resubscribe`: settles once the calls that carried the object ran
   * again (their results in order), or with the error that stopped them.
   * Never rejects.
   */
  readonly resubscribed?: Promise<ResubscribeOutcome>;
}

/** How a `resubscribe` ended. */
export type ResubscribeOutcome =
  | { readonly ok: true; readonly results: readonly unknown[] }
  | { readonly ok: false; readonly error: unknown };

/** A call that carried a callback object, as the application made it. */
export interface SubscribingCall {
  readonly service: ServiceDescriptor;
  readonly method: string;
  readonly args: readonly unknown[];
}

/** Calls kept per object at most (an object passed to call after call keeps the latest ones). */
const MAX_CALLS = 16;

/**
 * The calls that carried each live callback object, so `resubscribe` can
 * make them again. Weakly held: an object the application dropped goes.
 */
export class Subscriptions {
  readonly #calls = new WeakMap<object, SubscribingCall[]>();

  /** `call` succeeded carrying `target`. */
  carried(target: object, call: SubscribingCall): void {
    const calls = this.#calls.get(target);
    if (calls === undefined) return void this.#calls.set(target, [call]);
    calls.push(call);
    if (calls.length > MAX_CALLS) calls.shift();
  }

  /** The application released `target`: nothing to make again. */
  forget(target: object): void {
    this.#calls.delete(target);
  }

  /**
   * Makes the calls that carried `target` again, in order, through `run`
   * (which registers `target` anew), retrying with backoff while the server
   * is away (unreachable, a 5xx, draining) until `closing` aborts.
   */
  async rerun(
    target: object,
    run: (call: SubscribingCall) => Promise<unknown>,
    closing: AbortSignal,
    backoff: BackoffOptions | undefined,
  ): Promise<ResubscribeOutcome> {
    const calls = this.#calls.get(target) ?? [];
    this.#calls.delete(target);
    const results: unknown[] = [];
    for (const call of calls) {
      for (let attempt = 0; ; attempt++) {
        try {
          results.push(await run(call));
          break;
        } catch (error) {
          if (closing.aborted || !serverAway(error)) return { ok: false, error };
          await pause(backoffDelay(attempt, backoff), closing);
        }
      }
    }
    return { ok: true, results };
  }
}

/** Whether `error` says the server was away (worth calling again), not that it refused the call. */
function serverAway(error: unknown): boolean {
  return error instanceof ContractError && error.status >= 500 && error.code !== 'INTERNAL';
}

function pause(ms: number, closing: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    closing.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      closing.removeEventListener('abort', done);
      resolve();
    }
  });
}
