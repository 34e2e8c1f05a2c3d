import type { Redis } from 'ioredis';

/** The part of an ioredis client's internals this module reads: the commands sent before the connection dropped. */
interface QueuedCommands {
  prevCommandQueue?: {
    readonly length: number;
    shift(): { readonly command?: { reject?(error: Error): void } } | undefined;
  } | null;
}

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
    const unanswered = (connection as unknown as QueuedCommands).prevCommandQueue;
    if (unanswered === undefined || unanswered === null) return;
    while (unanswered.length > 0)
      unanswered
        .shift()
        ?.command?.reject?.(
          new Error(
            'contract-gen redis store: the connection to Redis closed before it answered; the command may or may not have run',
          ),
        );
  });
}
