import type { Callback, Service } from 'contract-gen';

/** A failure on the room's side, sent to members as event data (a callback cannot throw to its client). */
export interface RoomFailure {
  /** Stable, like an error code: `ROOM_CLOSED`, `TOO_FAST`. */
  code: string;
  message: string;
}

/** What a member of a room hears. */
export interface RoomEvents extends Callback {
  /** A message; `n` is the poster's number for it. */
  posted(n: number, text: string): void;
  /** Something went wrong on the room's side: an error passed back as data. */
  failed(failure: RoomFailure): void;
}

/** One room, held by the shard its id maps to; reached through a reference a catalog or shard hands out. */
export interface Room extends Service {
  /** The room's id. */
  id(): Promise<string>;
  /** Joins `events` to the room (a durable membership: it outlives a restart of the shard). */
  join(events: RoomEvents): Promise<void>;
  /** Posts `count` messages numbered from `from`, in order; answered once they are stored. */
  post(from: number, count: number, text: string): Promise<number>;
}

/** The catalog: hands out references to rooms, sharded by id over several servers. */
export interface Catalog extends Service {
  /** The room `id`, on whichever shard holds it. */
  room(id: string): Promise<Room>;
  /** Which shard (its base URL) holds room `id`. */
  shardOf(id: string): Promise<string>;
}

/** A shard: makes instances of the rooms it holds. */
export interface Shard extends Service {
  room(id: string): Promise<Room>;
}
