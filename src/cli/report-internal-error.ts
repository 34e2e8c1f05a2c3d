import { exitCodes } from './exit-codes.js';

/**
 * An internal error is contract-gen's fault, not the user's: print a short
 * report that says so, where it happened when known, and how to get more
 * detail, rather than a raw stack trace.
 */
export function reportInternalError(error: unknown, debug: boolean): number {
  const message = error instanceof Error ? error.message : String(error);
  const where = (error as { contractFile?: unknown } | null)?.contractFile;
  const lines = [
    `contract-gen: internal error: ${message}`,
    typeof where === 'string' ? `  while reading ${where}` : '',
    debug && error instanceof Error && error.stack
      ? error.stack
      : '  Run again with --debug for a stack trace, and please report it with the contract that triggers it.',
  ].filter(Boolean);
  process.stderr.write(`${lines.join('\n')}\n`);
  return exitCodes.internal;
}
