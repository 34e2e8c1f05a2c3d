import { describe, it } from 'vitest';
import { tickerCases } from './ticker-cases.js';

/**
 * Registers the Ticker conformance cases as vitest tests against the server
 * at `baseUrl()` (asked when each test runs, so a `beforeAll` may start it).
 */
export function tickerSuite(label: string, baseUrl: () => string): void {
  describe(`Ticker conformance (${label})`, () => {
    for (const testCase of tickerCases) it(testCase.name, () => testCase.run(baseUrl()), 30_000);
  });
}
