// The conformance suite on the hono host: tests "hono: <case>" (host-suite.ts).
import { hostSuite } from './host-suite.js';

hostSuite('hono');
