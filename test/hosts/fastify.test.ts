// The conformance suite on the fastify host: tests "fastify: <case>" (host-suite.ts).
import { hostSuite } from './host-suite.js';

hostSuite('fastify');
