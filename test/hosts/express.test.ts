// The conformance suite on the express host: tests "express: <case>" (host-suite.ts).
import { hostSuite } from './host-suite.js';

hostSuite('express');
