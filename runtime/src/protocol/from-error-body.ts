import { ContractError, type ContractErrorOptions } from './contract-error.js';
import { APPLICATION_ERROR_STATUS } from './error-codes.js';
import { ServiceError } from './service-error.js';
import { say } from '../messages.js';

/**
 * The client-side inverse of `toErrorBody`: rebuilds the error a server sent
 * as `{"error": {...}}` with HTTP `status`. A 422 becomes a `ServiceError`.
 * A body that is not a protocol error (a proxy's HTML page, say) becomes
 * `UNAVAILABLE` for 502/503/504 and `BAD_RESPONSE` otherwise.
 */
export function fromErrorBody(status: number, body: unknown): ContractError {
  const wire = (body as { error?: unknown } | null)?.error;
  if (!isWireError(wire)) {
    const code =
      status === 502 || status === 503 || status === 504 ? 'UNAVAILABLE' : 'BAD_RESPONSE';
    return new ContractError(code, say('no-error-body', status), { status });
  }
  if (status === APPLICATION_ERROR_STATUS)
    return new ServiceError(wire.code, wire.message, wire.details);
  const options: { -readonly [K in keyof ContractErrorOptions]: ContractErrorOptions[K] } = {
    status,
  };
  if (typeof wire.path === 'string') options.path = wire.path;
  if (typeof wire.expected === 'string') options.expected = wire.expected;
  if (typeof wire.received === 'string') options.received = wire.received;
  if (wire.details !== undefined) options.details = wire.details;
  return new ContractError(wire.code, wire.message, options);
}

function isWireError(
  value: unknown,
): value is { code: string; message: string; [key: string]: unknown } {
  if (typeof value !== 'object' || value === null) return false;
  const { code, message } = value as { code?: unknown; message?: unknown };
  return typeof code === 'string' && typeof message === 'string';
}
