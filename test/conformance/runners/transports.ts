// The transport axis of the conformance runs. Every runtime (Node, Chromium,
// Deno, Bun) runs every case once per transport listed here, and its tests
// are named with both, so a failure says where it happened.
import type { ConformanceCase } from '../ticker-cases.js';

/**
 * Transports the cases run over. `long-poll` is the HTTP binding as the cases
 * use it today (each case picks its event mode: long polling by default,
 * heartbeat polling where it says so). Add `websocket` here, and pass it on
 * in `runCase`, when the client has that transport.
 */
export const conformanceTransports = ['long-poll'] as const;

/** One entry of `conformanceTransports`. */
export type ConformanceTransport = (typeof conformanceTransports)[number];

/**
 * Runs one case over `transport`. The one place that knows how a case is
 * told its transport: today the cases take none, so this is `run(baseUrl)`.
 */
export function runCase(testCase: ConformanceCase, baseUrl: string, transport: ConformanceTransport): Promise<void> {
  void transport;
  return testCase.run(baseUrl);
}

/** `value` if it names a transport, else an Error listing the ones there are (for command lines and pages). */
export function toTransport(value: string | undefined): ConformanceTransport {
  const found = conformanceTransports.find((t) => t === value);
  if (found === undefined) throw new Error(`unknown transport ${JSON.stringify(value)}; expected one of ${conformanceTransports.join(', ')}`);
  return found;
}
