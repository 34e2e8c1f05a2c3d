// Turns a run of the conformance cases in another runtime (a browser page, a
// Deno or Bun process) into one vitest test per case and transport, named
// "<runtime>: <case>", so the output says which runtime passed what.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { tickerCases } from '../ticker-cases.js';
import type { CaseResult } from './run-cases.js';
import { conformanceTransports, type ConformanceTransport } from './transports.js';
import { useConformanceServer } from './use-conformance-server.js';

/**
 * Runs every case in a runtime against `baseUrl` over `transport`, calling
 * `report` as each ends. Resolves, when the runtime is done (and shut down),
 * to its name and version (`Deno 2.9.6`); rejects when it cannot start or
 * dies: the cases it did not report fail with that error.
 */
export type RuntimeRun = (
  baseUrl: string,
  transport: ConformanceTransport,
  report: (result: CaseResult) => void,
) => Promise<string>;

/** Options of `remoteConformanceSuite`. */
export interface RemoteSuiteOptions {
  /** A reason to skip the runtime's cases (say, no browser outside CI); `undefined` runs them. */
  readonly skip?: string | undefined;
}

/**
 * Registers the Ticker cases of `runtime` as vitest tests: per transport, one
 * run of the whole list in that runtime (started in `beforeAll`, against a
 * conformance server of this file), and one test per case that waits for
 * its result.
 */
export function remoteConformanceSuite(
  runtime: string,
  run: RuntimeRun,
  options: RemoteSuiteOptions = {},
): void {
  const baseUrl = useConformanceServer();
  for (const transport of conformanceTransports) {
    describe.skipIf(options.skip !== undefined)(
      `Ticker conformance over ${transport}${options.skip === undefined ? '' : ` (skipped: ${options.skip})`}`,
      () => {
        const results = new Map(
          tickerCases.map((testCase) => [testCase.name, deferred<CaseResult>()]),
        );
        let finished: Promise<void> = Promise.resolve();

        beforeAll(() => {
          let passed = 0;
          const report = (result: CaseResult): void => {
            if (result.ok) passed++;
            results.get(result.name)?.resolve(result);
          };
          finished = run(baseUrl(), transport, report).then(
            (name) => {
              // The one line that says which build of the runtime ran the cases.
              console.log(
                `${runtime} (${name}) over ${transport}: ${passed} of ${results.size} cases passed`,
              );
              failUnreported(results, new Error(`${runtime} ended without reporting this case`));
            },
            (error: unknown) => failUnreported(results, error),
          );
        });

        afterAll(() => finished);

        for (const testCase of tickerCases) {
          it(`${runtime}: ${testCase.name}`, async () => {
            const result = await results.get(testCase.name)!.promise;
            if (!result.ok) throw new Error(`${runtime}: ${result.error ?? 'failed'}`);
          }, 60_000);
        }
      },
    );
  }
}

interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  // Tests that never run (a filtered run) must not leave an unhandled rejection behind.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/** Rejects every case still waiting (settled ones ignore it). */
function failUnreported(results: Map<string, Deferred<CaseResult>>, error: unknown): void {
  for (const result of results.values()) result.reject(error);
}
