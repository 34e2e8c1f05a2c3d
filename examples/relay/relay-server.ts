// The server in the middle of the relay example: `node build/apps/examples/relay/relay-server.js <port> <feed url> [sqlite file]`.
// Relay.follow(events) passes the client's callback on to the feed (createRelay): the feed's events
// reach the client through this server's queue, exactly once, in order, across restarts of this
// server on its SQLite file.
import * as http from 'node:http';
import { pathToFileURL } from 'node:url';
import { connect } from '@contract-gen/runtime/client';
import { createRelay } from '@contract-gen/runtime/server';
import { createServer, type ListeningServer } from '@contract-gen/runtime/server/node';
import { sqliteStore } from '@contract-gen/runtime/server/sqlite';
import { feedClient } from '../../generated/feed.client.js';
import { FeedEventsCallback } from '../../generated/feed.schema.js';
import { relayHandlers } from '../../generated/feed.server.js';

/** Starts the relay on `port` in front of the feed at `feedUrl`, its store in `file` when given. */
export async function startRelay(
  port: number,
  feedUrl: string,
  file?: string,
): Promise<ListeningServer> {
  const server = createServer({
    services: [
      relayHandlers({
        async follow(events) {
          await feed.subscribe(await relay.pass(events));
        },
      }),
    ],
    webSocket: false,
    ...(file === undefined ? {} : { events: { store: sqliteStore({ path: file }) } }),
  });
  const relay = createRelay(server.router, {
    name: 'feed',
    callbacks: [FeedEventsCallback],
    connect: (options) => connect(feedUrl, { ...options, http }),
  });
  const feed = feedClient(relay.connection);
  await relay.ready;
  const listening = await server.listen(port);
  return {
    ...listening,
    async close() {
      await relay.connection.close();
      await listening.close();
    },
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [port, feedUrl, file] = process.argv.slice(2);
  const relay = await startRelay(Number(port ?? 0), feedUrl as string, file);
  console.log(`relay ${relay.url}`);
}
