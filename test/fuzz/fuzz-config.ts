import fc from 'fast-check';

/**
 * How many cases each fuzz target runs: 10,000 in CI (the floor the project
 * holds itself to), 1,000 on a developer's machine, FUZZ_RUNS to choose.
 * fast-check prints the seed and the shrunk counterexample of a failure;
 * FUZZ_SEED replays one.
 */
export function fuzzParameters<T>(extra: fc.Parameters<T> = {}): fc.Parameters<T> {
  const runs = Number(process.env['FUZZ_RUNS'] ?? (process.env['CI'] === 'true' ? 10_000 : 1_000));
  const seed = process.env['FUZZ_SEED'];
  return { numRuns: runs, ...(seed ? { seed: Number(seed) } : {}), ...extra };
}
