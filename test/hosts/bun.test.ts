// The conformance suite on the bun host: tests "bun: <case>" (host-suite.ts).
import { hostSuite } from './host-suite.js';

hostSuite('bun');
