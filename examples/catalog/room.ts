// One room of the catalog example: what a reference to room `id` runs on. Its members are a topic of
// the shard's store, so with a durable store (SQLite) they outlive a restart of the shard.
import type { Router } from '@contract-gen/runtime/server';
import type { RoomEvents } from '../../contracts/catalog.js';
import { RoomEventsCallback } from '../../generated/catalog.schema.js';
import type { RoomHandlers } from '../../generated/catalog.server.js';

/** The implementation behind a reference to room `id` (a fresh object per reference; the state is in the store). */
export function roomOf(router: Router, id: string): RoomHandlers {
  const members = router.topic<RoomEvents>(RoomEventsCallback, `room:${id}`);
  return {
    id: () => id,
    async join(events) {
      await members.add(events);
    },
    post(from, count, text) {
      // Published in order; the call is answered once the store holds them all.
      for (let n = from; n < from + count; n++) members.posted(n, text);
      return from + count - 1;
    },
  };
}

/** Which of `count` shards holds room `id`: the same answer in every process. */
export function shardIndex(id: string, count: number): number {
  let hash = 0;
  for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) >>> 0;
  return hash % count;
}
