// The catalog of the catalog example: `node build/apps/examples/catalog/catalog.js <port> <shard url>...`.
// Catalog.room(id) asks the shard that holds room `id` for it and hands the shard's reference on: the
// client follows it to the shard (one connection per shard), and calls and events go there directly.
import * as http from 'node:http';
import { pathToFileURL } from 'node:url';
import { connect, type Connection } from '@contract-gen/runtime/client';
import { createServer, type ListeningServer } from '@contract-gen/runtime/server/node';
import { catalogHandlers } from '../../generated/catalog.server.js';
import { shardClient } from '../../generated/catalog.client.js';
import { shardIndex } from './room.js';

/** Starts the catalog on `port` over the shards at `shardUrls`. */
export async function startCatalog(
  port: number,
  shardUrls: readonly string[],
): Promise<ListeningServer> {
  const connections: Connection[] = shardUrls.map((url) => connect(url, { http }));
  const shards = connections.map(shardClient);
  const pick = (id: string) => shardIndex(id, shards.length);
  const server = createServer({
    services: [
      catalogHandlers({
        room: (id) => (shards[pick(id)] as (typeof shards)[number]).room(id),
        shardOf: (id) => shardUrls[pick(id)] as string,
      }),
    ],
    webSocket: false,
  });
  const listening = await server.listen(port);
  return {
    ...listening,
    async close() {
      await Promise.all(connections.map((c) => c.close()));
      await listening.close();
    },
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [port, ...shardUrls] = process.argv.slice(2);
  const catalog = await startCatalog(Number(port ?? 0), shardUrls);
  console.log(`catalog ${catalog.url}`);
}
