// The client conformance suite on Bun (the `bun` npm package's binary),
// running the same TypeScript cases as Node: tests "bun: <case>".
import { cliRuntimeRun } from './runners/cli-runtime.js';
import { remoteConformanceSuite } from './runners/remote-suite.js';

remoteConformanceSuite('bun', cliRuntimeRun('bun'));
