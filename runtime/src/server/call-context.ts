import type { Principal } from './auth/principal.js';
import type { CallInput } from './call-input.js';

/** What a handler learns about its call, passed after the declared parameters. */
export interface CallContext {
  /** The service name, as in the URL (`Chat`). */
  readonly service: string;
  /** The method name (`join`). */
  readonly method: string;
  /** The HTTP request (its body already read): headers for auth, the URL. */
  readonly request: Request;
  /**
   * The caller's client id from the `X-Contract-Client` header, when it sent
   * one. With the event channel on, it is a live client (else the call got 410).
   */
  readonly client?: string | undefined;
  /**
   * Who is calling, as the router's auth hook said (the object it returned);
   * without a hook, the anonymous principal `{ id: '', groups: [] }`.
   */
  readonly principal: Principal;
}

/**
 * The context the router builds. `request` is made on first access: the
 * node:http fast path has no `Request` object, and most handlers never ask.
 */
export class RouterCallContext implements CallContext {
  readonly #input: CallInput;
  #request: Request | undefined;

  constructor(
    readonly service: string,
    readonly method: string,
    readonly client: string | undefined,
    input: CallInput,
    readonly principal: Principal,
  ) {
    this.#input = input;
  }

  get request(): Request {
    return (this.#request ??= this.#input.toRequest());
  }
}
