/** Hash slots of a Redis Cluster. */
const SLOTS = 16384;

/**
 * One shard of the store's keys: every key of the clients it holds, their
 * topic memberships, its sweep index and its notice channel start with
 * `prefix`, so one script call touches one shard, which is one slot of a
 * Cluster (its hash tag).
 */
export interface RedisShard {
  /** `{P}` on a single Redis; `{P}{tag}` on a Cluster. */
  readonly prefix: string;
  /** This shard's pub/sub channel: `{prefix}notices`. */
  readonly channel: string;
}

/**
 * Where the Redis store's keys live. A single Redis has one shard whose
 * prefix is the store's own: the key names are those of every earlier
 * version (nothing to migrate). A Cluster has `count` shards, each a hash
 * tag chosen to fall in its own `1/count` of the slot range (`tagsFor`), so shards
 * spread evenly over masters that hold contiguous slot ranges; a client
 * belongs to shard `CRC16(id) mod count`.
 */
export class RedisLayout {
  readonly shards: readonly RedisShard[];

  constructor(
    readonly prefix: string,
    count: number,
    readonly cluster: boolean,
  ) {
    if (!cluster) this.shards = [shard(prefix)];
    else this.shards = tagsFor(count).map((tag) => shard(`${prefix}{${tag}}`));
  }

  /** The shard of client `id`. */
  shardOf(id: string): RedisShard {
    const { shards } = this;
    return shards.length === 1 ? shards[0]! : shards[keySlot(id) % shards.length]!;
  }
}

function shard(prefix: string): RedisShard {
  return { prefix, channel: `${prefix}notices` };
}

/**
 * One hash tag per shard: shard k's tag is the first `s{j}` (j = 0, 1, ...)
 * whose slot lies in the k-th of `count` equal parts of the slot range
 * (about count × ln(count) tries: under 10,000 for 1024 shards).
 */
function tagsFor(count: number): string[] {
  const tags = new Array<string | undefined>(count).fill(undefined);
  for (let j = 0, left = count; left > 0; j++) {
    const tag = `s${j}`;
    const k = Math.floor((keySlot(tag) * count) / SLOTS);
    if (tags[k] === undefined) {
      tags[k] = tag;
      left--;
    }
  }
  return tags as string[];
}

/**
 * The Cluster hash slot of a key (CRC16/XMODEM of its hash tag, or of the
 * whole key when it has none), as `CLUSTER KEYSLOT` computes it. Written
 * here rather than imported: ioredis's own (`cluster-key-slot`) is not a
 * dependency the runtime may name.
 */
export function keySlot(key: string): number {
  const open = key.indexOf('{');
  if (open !== -1) {
    const close = key.indexOf('}', open + 1);
    if (close > open + 1) key = key.slice(open + 1, close);
  }
  return crc16(key) % SLOTS;
}

const encoder = new TextEncoder();

/** CRC16/XMODEM by bytes (polynomial 0x1021), one table entry per byte value. */
const table = Uint16Array.from({ length: 256 }, (_, byte) => {
  let crc = byte << 8;
  for (let bit = 0; bit < 8; bit++)
    crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  return crc;
});

function crc16(text: string): number {
  let crc = 0;
  for (const byte of encoder.encode(text))
    crc = ((crc << 8) & 0xffff) ^ table[((crc >> 8) ^ byte) & 0xff]!;
  return crc;
}

/**
 * Splits the arguments of one append batch (see appendScript: `'a', id,
 * count, payloads...`, `'t', topic, interface, body` and `'r', id, call,
 * answer`, and groups `'x', tag, ..., 'y'`) into one list per shard, each
 * in the batch's order: a client's appends and call records go to its
 * shard, a topic publish to every shard (each holds its own members of the
 * topic), a group to every shard that got something of it.
 */
export function splitBatch(
  layout: RedisLayout,
  args: readonly (string | number)[],
): Map<RedisShard, (string | number)[]> {
  const out = new Map<RedisShard, (string | number)[]>();
  if (layout.shards.length === 1) return out.set(layout.shards[0]!, [...args]);
  const into = (shard: RedisShard, part: readonly (string | number)[]) => {
    const list = out.get(shard);
    if (list === undefined) out.set(shard, [...part]);
    else for (const arg of part) list.push(arg);
  };
  /** Per shard, its list's length right after the open group's 'x', tag. */
  const opened = new Map<RedisShard, number>();
  for (let i = 0; i < args.length;) {
    if (args[i] === 'a') {
      const end = i + 3 + Number(args[i + 2]);
      into(layout.shardOf(String(args[i + 1])), args.slice(i, end));
      i = end;
    } else if (args[i] === 'r') {
      into(layout.shardOf(String(args[i + 1])), args.slice(i, i + 4));
      i += 4;
    } else if (args[i] === 'x') {
      // A group: opened in every shard, and closed where it got something (else taken out again).
      for (const shard of layout.shards) {
        into(shard, args.slice(i, i + 2));
        opened.set(shard, out.get(shard)!.length);
      }
      i += 2;
    } else if (args[i] === 'y') {
      for (const [shard, list] of out)
        if (list.length === opened.get(shard)) list.length -= 2;
        else list.push('y');
      i += 1;
    } else {
      for (const shard of layout.shards) into(shard, args.slice(i, i + 4));
      i += 4;
    }
  }
  return out;
}

/** A batch's arguments as two lists: its appends and publishes, and its call records (`'r'` operations). */
export function splitRecords(
  args: readonly (string | number)[],
): [(string | number)[], (string | number)[]] {
  const events: (string | number)[] = [];
  const records: (string | number)[] = [];
  for (let i = 0; i < args.length;) {
    const op = args[i];
    const end =
      op === 'a' ? i + 3 + Number(args[i + 2]) : op === 'x' ? i + 2 : op === 'y' ? i + 1 : i + 4;
    for (let j = i; j < end; j++) (op === 'r' ? records : events).push(args[j]!);
    i = end;
  }
  return [events, records];
}
