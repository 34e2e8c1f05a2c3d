import { describe, it } from 'vitest';
import type { ConnectOptions } from '@contract-gen/runtime/client';
import { tickerCases } from './ticker-cases.js';
import { conformanceTransports, runCase } from './runners/transports.js';

/**
 * Registers the Ticker conformance cases as vitest tests run in this process,
 * against the server at `baseUrl()` (asked when each test runs, so a
 * `beforeAll` may start it): per transport, one test per case named
 * "<runtime>: <case>", as the other runtimes' are (runners/remote-suite.ts).
 * `base` is given to every connection (Node 20's WebSocket, say).
 */
export function tickerSuite(
  runtime: string,
  baseUrl: () => string,
  base: ConnectOptions = {},
): void {
  for (const transport of conformanceTransports) {
    describe(`Ticker conformance over ${transport}`, () => {
      for (const testCase of tickerCases)
        it(
          `${runtime}: ${testCase.name}`,
          () => runCase(testCase, baseUrl(), transport, base),
          30_000,
        );
    });
  }
}
