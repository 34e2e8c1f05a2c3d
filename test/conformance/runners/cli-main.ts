// The conformance runner for Deno and Bun, which both run this TypeScript as
// it is: `deno run --allow-net cli-main.ts <baseUrl> <transport>` or
// `bun cli-main.ts <baseUrl> <transport>`. It runs the Ticker cases against
// the server at <baseUrl> and prints one result line per case (run-cases.ts),
// then exits 0; the vitest side (remote-suite.ts) turns the lines into tests.
// Only this file touches the runtime's own API (its arguments).
import { tickerCases } from '../ticker-cases.js';
import { resultLine, runCases, runtimeLine } from './run-cases.js';
import { toTransport } from './transports.js';

declare const Deno:
  { readonly args: readonly string[]; readonly version: { readonly deno: string } } | undefined;
declare const Bun: { readonly argv: readonly string[]; readonly version: string } | undefined;

/** Arguments after the script: Deno gives them alone, Bun after its binary and the script. */
function scriptArgs(): readonly string[] {
  if (typeof Deno !== 'undefined') return Deno.args;
  if (typeof Bun !== 'undefined') return Bun.argv.slice(2);
  throw new Error('cli-main.ts runs under Deno or Bun');
}

/** Which runtime this is, with its version, for the test log. */
function runtimeName(): string {
  if (typeof Deno !== 'undefined') return `Deno ${Deno.version.deno}`;
  return typeof Bun !== 'undefined' ? `Bun ${Bun.version}` : 'unknown runtime';
}

const [baseUrl, transport] = scriptArgs();
console.log(runtimeLine(runtimeName()));
if (baseUrl === undefined) throw new Error('usage: cli-main.ts <baseUrl> <transport>');
await runCases({
  cases: tickerCases,
  baseUrl,
  transport: toTransport(transport),
  report: (result) => console.log(resultLine(result)),
});
