// A server of the `hop` suite, from the relay example (build/apps): `ROLE=feed` (the upstream feed)
// or `ROLE=relay FEED=<url>` (the server in the middle); memory stores. Prints `{"port": n}`.
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { repoRoot } from '../lib/paths.mjs';

const apps = join(repoRoot, 'build', 'apps', 'examples', 'relay');
const role = process.env.ROLE;
let server;
if (role === 'feed') {
  const { startFeed } = await import(pathToFileURL(join(apps, 'feed-server.js')).href);
  server = await startFeed(0);
} else if (role === 'relay') {
  const { startRelay } = await import(pathToFileURL(join(apps, 'relay-server.js')).href);
  server = await startRelay(0, process.env.FEED);
} else throw new Error(`ROLE must be feed or relay, not ${role}`);
console.log(JSON.stringify({ port: server.port }));
