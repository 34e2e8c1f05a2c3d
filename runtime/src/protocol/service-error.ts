import { ContractError } from './contract-error.js';
import { APPLICATION_ERROR_STATUS } from './error-codes.js';

/**
 * An application error: the call was well-formed, the implementation refused
 * it for a reason of its own. Throw it from a handler and the caller receives
 * status 422 with your code, message and details:
 *
 * ```ts
 * if (!Number.isSafeInteger(a + b)) throw new ServiceError('OVERFLOW', 'a + b is not a safe integer', { a, b });
 * ```
 *
 * The client rebuilds it as a `ServiceError`, so `instanceof` works there too.
 * `details` must be JSON-ready (no bigint, no Date): it is sent as is.
 */
export class ServiceError extends ContractError {
  override name = 'ServiceError';

  constructor(code: string, message: string, details?: unknown) {
    super(
      code,
      message,
      details === undefined
        ? { status: APPLICATION_ERROR_STATUS }
        : { status: APPLICATION_ERROR_STATUS, details },
    );
  }
}
