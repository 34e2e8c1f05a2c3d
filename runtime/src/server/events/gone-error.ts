import { ContractError } from '../../protocol/contract-error.js';
import type { ClientEndReason } from '../../protocol/messages.js';

const why: Readonly<Record<ClientEndReason, string>> = {
  unknown: 'is unknown to this server (never opened here, or ended long ago)',
  closed: 'was closed',
  expired:
    'expired: the server heard nothing from it for longer than its ttl, and released its callbacks',
  overflow:
    'was dropped because its event queue reached its bound (overflow policy "close"), and its callbacks were released',
};

/**
 * The 410 `UNKNOWN_CLIENT` for a client id that is not live, with
 * `details.reason`. The id itself is not echoed: it is a credential.
 */
export function goneError(reason: ClientEndReason): ContractError {
  const message = `This client ${why[reason]}. Open a new client with POST {base}/_open and pass your callbacks again.`;
  return new ContractError('UNKNOWN_CLIENT', message, { details: { reason } });
}

/** The 503 `DRAINING` of a server process that takes no new clients (a rolling deploy): try another. */
export function drainingError(): ContractError {
  return new ContractError(
    'DRAINING',
    'This server process is draining and takes no new clients: send the request again (another process will take it).',
  );
}
