/**
 * A callback object with a way to release it, from `conn.callback(target)`.
 * Where the runtime defines `Symbol.dispose` / `Symbol.asyncDispose`, the
 * handle has them too, so `using sub = conn.callback(events)` releases at
 * the end of the scope (TypeScript sees them once your `lib` has
 * `esnext.disposable`; the package's own types stay free of it so that they
 * compile everywhere).
 */
export interface CallbackHandle<T extends object> {
  /** The object given to `conn.callback`. */
  readonly target: T;
  /** Same as `conn.release(target)`. */
  release(): Promise<void>;
}

/**
 * A handle whose disposal releases `target`. The synchronous `Symbol.dispose`
 * cannot wait for the server: the local release is immediate and a failed
 * `POST _release` is ignored (the server releases the client's callbacks at
 * expiry or close anyway).
 */
export function createCallbackHandle<T extends object>(
  target: T,
  release: (target: object) => Promise<void>,
): CallbackHandle<T> {
  const handle: CallbackHandle<T> = { target, release: () => release(target) };
  const symbols = Symbol as { dispose?: symbol; asyncDispose?: symbol };
  const slots = handle as unknown as Record<symbol, () => unknown>;
  if (typeof symbols.dispose === 'symbol')
    slots[symbols.dispose] = () => void release(target).catch(() => undefined);
  if (typeof symbols.asyncDispose === 'symbol') slots[symbols.asyncDispose] = () => release(target);
  return handle;
}
