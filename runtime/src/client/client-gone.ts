import { ContractError } from '../protocol/contract-error.js';

/**
 * Whether `error` says the server will not serve this client id any more:
 * 410 `UNKNOWN_CLIENT` (it ended), or, on a server with auth, 403
 * `FOREIGN_CLIENT` (it is not this principal's: another user signed in on
 * this connection, or the server forgot the id). Either way the server ran
 * nothing, and the connection opens a fresh client.
 */
export function isClientGone(error: unknown): error is ContractError {
  return (
    error instanceof ContractError && (error.status === 410 || error.code === 'FOREIGN_CLIENT')
  );
}
