import { ContractError } from '../../protocol/contract-error.js';
import type { AuthHook, AuthRequest } from './auth-request.js';
import { checkPrincipal, type Principal } from './principal.js';

/** The answer for a hook that failed: the caller learns nothing about why. */
function serverFault(): ContractError {
  return new ContractError(
    'INTERNAL',
    'The server failed while handling the call; the details are in its log.',
  );
}

/**
 * Runs the auth hook: the principal it returns, or the `ContractError` to
 * answer. A `ContractError` the hook throws is answered as it is (its code
 * and message are the hook's choice: `UNAUTHENTICATED`, `FORBIDDEN`);
 * anything else it throws, and a return value that is not a principal, go to
 * `fault` and become a bare 500, so no internal message leaves the server.
 */
export async function authenticate(
  hook: AuthHook,
  request: AuthRequest,
  fault: (error: unknown) => void,
): Promise<Principal | ContractError> {
  try {
    return checkPrincipal(await hook(request));
  } catch (error) {
    if (error instanceof ContractError) return error;
    fault(error);
    return serverFault();
  }
}
