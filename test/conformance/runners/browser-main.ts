// The conformance runner inside a browser page: the entry of the bundle that
// bundle-cases.ts builds (cases + generated client + runtime, one script).
// The page gets `runConformance(baseUrl, transport)`; each result goes to
// `reportConformance(result)`, a function the driver (chromium-runner.ts)
// exposes to the page before it loads.
import { tickerCases } from '../ticker-cases.js';
import { runCases, type CaseResult } from './run-cases.js';
import { toTransport } from './transports.js';

interface ConformancePage {
  runConformance?: (baseUrl: string, transport: string) => Promise<void>;
  reportConformance?: (result: CaseResult) => void;
}

const page = globalThis as ConformancePage;

page.runConformance = (baseUrl, transport) =>
  runCases({
    cases: tickerCases,
    baseUrl,
    transport: toTransport(transport),
    report: (result) => {
      if (page.reportConformance === undefined)
        throw new Error('the driver exposes reportConformance before the page loads');
      page.reportConformance(result);
    },
  });
