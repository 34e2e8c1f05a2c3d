// A shard of the catalog example: `node build/apps/examples/catalog/shard.js <port> [sqlite file]`.
// Serves Shard.room(id), which hands out references to its rooms; with a file, clients, queues and
// room memberships are kept in SQLite and survive a restart (references do not: docs/protocol.md).
import { pathToFileURL } from 'node:url';
import { createServer, type ListeningServer } from '@contract-gen/runtime/server/node';
import { sqliteStore } from '@contract-gen/runtime/server/sqlite';
import { shardHandlers } from '../../generated/catalog.server.js';
import { roomOf } from './room.js';

/** Starts a shard on `port` (0: any free one), with its store in `file` when given. */
export async function startShard(port: number, file?: string): Promise<ListeningServer> {
  const server = createServer({
    services: [shardHandlers({ room: (id) => roomOf(server.router, id) })],
    webSocket: false,
    ...(file === undefined ? {} : { events: { store: sqliteStore({ path: file }) } }),
  });
  return server.listen(port);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [port, file] = process.argv.slice(2);
  const shard = await startShard(Number(port ?? 0), file);
  console.log(`shard ${shard.url}`);
}
