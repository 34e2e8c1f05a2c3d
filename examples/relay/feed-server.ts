// The upstream server of the relay example: `node build/apps/examples/relay/feed-server.js <port> [sqlite file]`.
import { pathToFileURL } from 'node:url';
import { Broadcast, endCallback } from '@contract-gen/runtime/server';
import { createServer, type ListeningServer } from '@contract-gen/runtime/server/node';
import { sqliteStore } from '@contract-gen/runtime/server/sqlite';
import type { FeedEvents } from '../../contracts/feed.js';
import { feedHandlers } from '../../generated/feed.server.js';

/** Starts the feed on `port`, its store in `file` when given. */
export async function startFeed(port: number, file?: string): Promise<ListeningServer> {
  const subscribers = new Broadcast<FeedEvents>();
  const server = createServer({
    services: [
      feedHandlers({
        subscribe: (events) => void subscribers.add(events),
        publish(from, count) {
          for (let n = from; n < from + count; n++) subscribers.item(n);
        },
        fail: (code, message) => subscribers.failed({ code, message }),
        subscribers: () => subscribers.size,
        async end(reason) {
          await Promise.all([...subscribers].map((events) => endCallback(events, reason)));
        },
      }),
    ],
    webSocket: false,
    ...(file === undefined ? {} : { events: { store: sqliteStore({ path: file }) } }),
  });
  return server.listen(port);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [port, file] = process.argv.slice(2);
  const feed = await startFeed(Number(port ?? 0), file);
  console.log(`feed ${feed.url}`);
}
