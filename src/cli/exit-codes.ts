/** Exit codes of the CLI: stable, documented in the README. */
export const exitCodes = {
  /** Clean (warnings allowed). */
  ok: 0,
  /** Errors in the contracts, or `--check` found stale output. */
  failed: 1,
  /** The command line was wrong. */
  usage: 2,
  /** contract-gen itself failed: a bug to report. */
  internal: 3,
} as const;
