// The conformance suite on a bare node:http server with an app route of its own: tests "node: <case>" (host-suite.ts).
import { hostSuite } from './host-suite.js';

hostSuite('node');
