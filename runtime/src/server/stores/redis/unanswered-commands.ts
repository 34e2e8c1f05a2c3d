import type { Redis } from 'ioredis';

/** A queue of ioredis commands (its internal `Deque`): what this module reads and empties. */
interface CommandQueue {
  readonly length: number;
  shift(): { readonly command?: { reject?(error: Error): void } } | undefined;
}

/** The part of an ioredis client's internals this module reads. */
interface QueuedCommands {
  /** The commands sent before the connection dropped. */
  prevCommandQueue?: CommandQueue | null;
  /** The commands waiting for the connection (never written to it). */
  offlineQueue?: CommandQueue;
  /** The auto-pipelines not yet run (`enableAutoPipelining`), by slot key; their commands were never written. */
  _autoPipelines?: Map<string, object>;
}

const unanswered = () =>
  new Error(
    'contract-gen redis store: the connection to Redis closed before it answered; the command may or may not have run',
  );

const unsent = () =>
  new Error(
    'contract-gen redis store: the connection to Redis closed before the command was sent; it did not run',
  );

/**
 * Makes the commands that were sent when the connection dropped fail, on a
 * connection made with `autoResendUnfulfilledCommands: false`.
 *
 * ioredis keeps such commands aside when the connection closes and, when it
 * must not send them again, drops them at the next connect without settling
 * their promises: a read or an append in flight when Redis restarted then
 * never answers, and the socket or poll waiting on it hangs with it, in
 * silence. Here they fail as soon as ioredis starts reconnecting, with an
 * error that says the command may or may not have run; the store's callers
 * treat that like any failed command (a 500, a pump fault, a retried poll).
 */
export function failUnansweredOnReconnect(connection: Redis): void {
  connection.on('reconnecting', () => {
    const queued = (connection as unknown as QueuedCommands).prevCommandQueue;
    if (queued !== undefined && queued !== null) rejectAll(queued, unanswered);
  });
}

/**
 * Whether `failUnsentOnClose` can reach what it empties in this ioredis
 * client (its internals, which a future ioredis may change).
 */
export function canFailUnsent(connection: Redis): boolean {
  const { offlineQueue, _autoPipelines } = connection as unknown as QueuedCommands;
  return typeof offlineQueue?.shift === 'function' && _autoPipelines instanceof Map;
}

/**
 * Makes the commands not written to the connection fail at each close once
 * it had been ready, instead of waiting for a reconnection: a process cut
 * off from Redis fails its calls within one reconnect attempt (their
 * callers try another process), rather than after `maxRetriesPerRequest`
 * failed reconnects (about 10 s by default).
 *
 * When the connection drops, two kinds fail, as the ones written do
 * (`failUnansweredOnReconnect`): the commands of auto-pipelines not yet run
 * (with `enableAutoPipelining` a command is written at the next turn of the
 * event loop, and only once the pipeline before it was answered); and those
 * ioredis queued offline while the connection looked ready but its socket
 * had already ended (between the socket's end and its close, which is where
 * an auto-pipeline's turn falls). Then, at each failed reconnect, the
 * commands issued since (in ioredis's offline queue, or in auto-pipelines
 * waiting behind it) fail too. A reconnect that succeeds sends what was
 * issued since the last close, so a short blip (Redis restarted, a
 * reconnect after 50 ms) fails nothing more. None of these commands was written, so
 * failing them is safe, and the error says they did not run; the pipelines
 * are dropped, so they are never sent later either.
 *
 * Before the connection was first ready (a process started while Redis
 * cannot be reached yet), its commands wait for it as ioredis makes them:
 * until it is ready, or `maxRetriesPerRequest` reconnects failed; the
 * auto-pipelines waiting behind them fail then too.
 */
export function failUnsentOnClose(connection: Redis): void {
  // Whether the connection was ready since it last closed, and whether it ever was.
  let ready = false;
  let wasReady = false;
  // Closes since the connection was last ready (or opened): the drop, then each failed reconnect.
  let closes = 0;
  connection.on('ready', () => {
    ready = true;
    wasReady = true;
    closes = 0;
  });
  connection.on('close', () => {
    closes += 1;
    if (ready) {
      ready = false;
      failUnsent(connection, unsent);
      return;
    }
    if (wasReady) {
      const reconnects = closes - 1;
      failUnsent(
        connection,
        () =>
          new Error(
            `contract-gen redis store: Redis could not be reached (${reconnects} failed ${reconnects === 1 ? 'reconnect' : 'reconnects'} since the connection dropped); the command was not sent`,
          ),
      );
      return;
    }
    const { maxRetriesPerRequest } = connection.options;
    if (
      typeof maxRetriesPerRequest === 'number' &&
      maxRetriesPerRequest >= 0 &&
      closes % (maxRetriesPerRequest + 1) === 0
    )
      failAutoPipelines(
        connection,
        () =>
          new Error(
            `contract-gen redis store: Redis could not be reached in ${closes} reconnects (maxRetriesPerRequest ${maxRetriesPerRequest}); the command was not sent`,
          ),
      );
  });
}

/** Fails the commands not written to the connection: the auto-pipelines not yet run, then the offline queue. */
function failUnsent(connection: Redis, error: () => Error): void {
  failAutoPipelines(connection, error);
  const { offlineQueue } = connection as unknown as QueuedCommands;
  if (offlineQueue !== undefined) rejectAll(offlineQueue, error);
}

/** Fails the commands of the auto-pipelines not yet run, and drops the pipelines. */
function failAutoPipelines(connection: Redis, error: () => Error): void {
  const { _autoPipelines } = connection as unknown as QueuedCommands;
  if (!(_autoPipelines instanceof Map)) return;
  for (const [key, pipeline] of [..._autoPipelines]) {
    const callbacks = callbacksOf(pipeline);
    // A pipeline whose callbacks cannot be found is left to run (its commands wait, as before).
    if (callbacks === undefined) continue;
    _autoPipelines.delete(key);
    for (const callback of callbacks) callback(error());
  }
}

/** An auto-pipeline's callbacks (ioredis's `kCallbacks` symbol, found by name: another copy of ioredis has its own). */
function callbacksOf(pipeline: object): ((error: Error) => void)[] | undefined {
  const symbol = Object.getOwnPropertySymbols(pipeline).find((s) => s.description === 'callbacks');
  if (symbol === undefined) return undefined;
  const callbacks = (pipeline as Record<symbol, unknown>)[symbol];
  return Array.isArray(callbacks) ? (callbacks as ((error: Error) => void)[]) : undefined;
}

function rejectAll(queue: CommandQueue, error: () => Error): void {
  while (queue.length > 0) queue.shift()?.command?.reject?.(error());
}
