// Runs conformance cases outside any test framework and reports each result
// as plain data, so a browser page, Deno and Bun can run the very cases that
// vitest runs on Node and hand the results back to vitest (remote-suite.ts).
// Uses nothing but what every runtime has: promises and timers.
import type { ConformanceCase } from '../ticker-cases.js';
import { runCase, type ConformanceTransport } from './transports.js';

/** The outcome of one case on one runtime. */
export interface CaseResult {
  readonly name: string;
  readonly ok: boolean;
  /** What failed (the Error's message and stack), when `ok` is false. */
  readonly error?: string;
  readonly ms: number;
}

/** What `runCases` runs, against which server, and whom it tells. */
export interface RunCasesOptions {
  readonly cases: readonly ConformanceCase[];
  readonly baseUrl: string;
  readonly transport: ConformanceTransport;
  /** Called once per case as soon as it ends, in order. */
  readonly report: (result: CaseResult) => void;
  /** Per case; default 30,000 ms (as in the vitest suite). */
  readonly timeout?: number;
}

/**
 * Runs the cases one after another (as vitest does: cases share one server
 * and some measure delivery timing), reporting each. Never rejects: a case
 * that throws or hangs is a failed result, and the next case still runs.
 */
export async function runCases(options: RunCasesOptions): Promise<void> {
  const timeout = options.timeout ?? 30_000;
  for (const testCase of options.cases) {
    const start = Date.now();
    let error: string | undefined;
    try {
      await withTimeout(
        runCase(testCase, options.baseUrl, options.transport),
        timeout,
        testCase.name,
      );
    } catch (thrown) {
      error = describeError(thrown);
    }
    const ms = Date.now() - start;
    options.report(
      error === undefined
        ? { name: testCase.name, ok: true, ms }
        : { name: testCase.name, ok: false, error, ms },
    );
  }
}

/** The prefix of a result line on a runtime's stdout, so stray output cannot be mistaken for a result. */
export const resultLinePrefix = '@@conformance-result ';

/** One result as one stdout line (for runtimes that report through a pipe). */
export function resultLine(result: CaseResult): string {
  return resultLinePrefix + JSON.stringify(result);
}

/** The result in a stdout line, or `undefined` for any other line. */
export function parseResultLine(line: string): CaseResult | undefined {
  if (!line.startsWith(resultLinePrefix)) return undefined;
  return JSON.parse(line.slice(resultLinePrefix.length)) as CaseResult;
}

const runtimePrefix = '@@conformance-runtime ';

/** The line a runtime prints first: its name and version (`Deno 2.9.6`). */
export function runtimeLine(name: string): string {
  return runtimePrefix + name;
}

/** The runtime's name in a stdout line, or `undefined` for any other line. */
export function parseRuntimeLine(line: string): string | undefined {
  return line.startsWith(runtimePrefix) ? line.slice(runtimePrefix.length) : undefined;
}

function withTimeout(promise: Promise<void>, ms: number, name: string): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name}: timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timedOut]).finally(() => clearTimeout(timer));
}

function describeError(thrown: unknown): string {
  if (!(thrown instanceof Error)) return String(thrown);
  // The stack names the runtime's own frames, which helps when one runtime alone fails.
  const stack = thrown.stack ?? '';
  return stack.includes(thrown.message) ? stack : `${thrown.message}\n${stack}`;
}
