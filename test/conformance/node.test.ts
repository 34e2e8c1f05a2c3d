// The client conformance suite on Node, in this process: tests "node: <case>".
// Against CONFORMANCE_URL when set (a server started elsewhere, e.g. `npm run
// conformance-server`), otherwise against a conformance server started here.
// Node 20 has no global WebSocket: the `ws` package's is passed in, as a
// Node application would (the client never imports it).
import { WebSocket } from 'ws';
import { useConformanceServer } from './runners/use-conformance-server.js';
import { tickerSuite } from './ticker-suite.js';

console.log(`conformance on Node ${process.versions.node}`);
tickerSuite('node', useConformanceServer(), { WebSocket });
