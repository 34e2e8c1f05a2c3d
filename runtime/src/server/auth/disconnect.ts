import { ContractError } from '../../protocol/contract-error.js';
import type { EventChannel } from '../events/event-channel.js';
import type { ClientOwners } from './client-owners.js';
import type { LiveAuthority } from './live-authority.js';

/** Longest reason kept: it travels in every answer and frame the disconnect sends. */
export const MAX_REASON = 1_000;

/** What a disconnect reaches in this process: the open sockets, the parked polls and who owns them. */
export interface DisconnectScope {
  readonly live: LiveAuthority;
  readonly channel: EventChannel | undefined;
  readonly owners: ClientOwners | undefined;
}

/**
 * The answer of a disconnected socket (`error` frame, close 4401) or parked
 * poll: 401 `UNAUTHENTICATED`, `details.reason` `disconnected`, the
 * application's reason as the message. A 401, because what the client does
 * next is authenticate again: a client whose credentials still pass the
 * hook carries on where it was, one whose credentials were revoked does not.
 */
export function disconnectedError(reason: string | undefined): ContractError {
  if (reason !== undefined && typeof reason !== 'string')
    throw new TypeError('contract-gen: the reason of a disconnect must be a string');
  const message =
    reason === undefined || reason === ''
      ? 'The server ended this session: authenticate again.'
      : reason.slice(0, MAX_REASON);
  return new ContractError('UNAUTHENTICATED', message, { details: { reason: 'disconnected' } });
}

/**
 * Closes every socket of `principalId` in this process and answers its
 * parked long polls, now. Parked polls are found by walking the clients
 * with one and asking each one's owner (cached; the store for the rest):
 * nothing is kept per poll for a call that is rare. How many it ended.
 */
export async function disconnectPrincipal(
  scope: DisconnectScope,
  principalId: string,
  reason: string | undefined,
): Promise<number> {
  if (typeof principalId !== 'string')
    throw new TypeError('contract-gen: disconnect takes the principal id (a string)');
  const error = disconnectedError(reason);
  let count = scope.live.disconnect(principalId, error);
  const { channel, owners } = scope;
  if (channel === undefined || owners === undefined) return count;
  for (const client of channel.parkedClients()) {
    // Cached owners answer without a turn of the event loop; the store is asked for the rest.
    const owner = owners.cached(client) ?? (await owners.ownerOf(client));
    if (owner === principalId && channel.interrupt(client, error)) count++;
  }
  return count;
}

/** Closes the socket of `client` in this process and answers its parked long poll, now. How many it ended. */
export function disconnectClient(
  scope: DisconnectScope,
  client: string,
  reason: string | undefined,
): number {
  if (typeof client !== 'string')
    throw new TypeError('contract-gen: disconnectClient takes the client id (a string)');
  const error = disconnectedError(reason);
  const sockets = scope.live.disconnectClient(client, error);
  return sockets + (scope.channel?.interrupt(client, error) === true ? 1 : 0);
}
