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
 * Closures, not a class: a page downloads this, and a minifier renames locals.
 */
export interface Subscriptions {
  /** `call` succeeded carrying `target`. */
  carried(target: object, call: SubscribingCall): void;
  /** The application released `target`: nothing to make again. */
  forget(target: object): void;
  /**
   * Makes the calls that carried `target` again, in order, through `run`
   * (which registers `target` anew), retrying with backoff while the server
   * is away (unreachable, a 5xx but a server fault, draining) until
   * `closing` aborts.
   */
  rerun(
    target: object,
    run: (call: SubscribingCall) => Promise<unknown>,
    closing: AbortSignal,
    backoff: BackoffOptions | undefined,
  ): Promise<ResubscribeOutcome>;
}

/**
 * The `resubscribe` option of `connect`: `connect(url, { resubscribe:
 * resubscribeCalls() })`. When the server releases a callback object by
 * itself (a release notice, see `onReleased`) or forgets the whole client
 * (`onGap` reason `expired`, e.g. a restarted server with the memory
 * store), the connection calls again, with the same arguments, every call
 * that carried the object since it was registered (the subscribing call:
 * `chat.join('lobby', 'ann', events)`), until it succeeds or fails for a
 * reason other than the server being away. Events published between the
 * release and the new subscription are not received (a topic keeps its
 * members across restarts: nothing is lost there). An imported helper, not
 * a flag, so a page that does not resubscribe does not download it. Each
 * connection keeps its own record of calls (a reference's connection to
 * another server too).
 */
export function resubscribeCalls(): Resubscribe {
  return { calls: createSubscriptions };
}

/** What `resubscribeCalls()` makes: the `resubscribe` option's value. */
export interface Resubscribe {
  /** A connection's own record of the calls that carried its callback objects. */
  readonly calls: () => Subscriptions;
}

export function createSubscriptions(): Subscriptions {
  const byTarget = new WeakMap<object, SubscribingCall[]>();
  return {
    carried(target, call) {
      const calls = byTarget.get(target) ?? [];
      byTarget.set(target, [...calls.slice(1 - MAX_CALLS), call]);
    },
    forget: (target) => void byTarget.delete(target),
    async rerun(target, run, closing, backoff) {
      const calls = byTarget.get(target) ?? [];
      byTarget.delete(target);
      const results: unknown[] = [];
      for (const call of calls) {
        for (let attempt = 0; ; attempt++) {
          try {
            results.push(await run(call));
            break;
          } catch (error) {
            // Worth calling again only while the server is away (unreachable, a 5xx but a fault of its own).
            const away =
              error instanceof ContractError && error.status > 499 && error.code !== 'INTERNAL';
            if (closing.aborted || !away) return { ok: false, error };
            await new Promise((resolve) => setTimeout(resolve, backoffDelay(attempt, backoff)));
          }
        }
      }
      return { ok: true, results };
    },
  };
}
