// The conformance suite on the koa host: tests "koa: <case>" (host-suite.ts).
import { hostSuite } from './host-suite.js';

hostSuite('koa');
