// The client conformance suite on Deno (the `deno` npm package's binary),
// running the same TypeScript cases as Node: tests "deno: <case>".
import { cliRuntimeRun } from './runners/cli-runtime.js';
import { remoteConformanceSuite } from './runners/remote-suite.js';

remoteConformanceSuite('deno', cliRuntimeRun('deno'));
