// The conformance suite on the deno host: tests "deno: <case>" (host-suite.ts).
import { hostSuite } from './host-suite.js';

hostSuite('deno');
