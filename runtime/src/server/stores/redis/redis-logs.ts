import { newEpoch, type LogRetention, type LogSlice } from '../log-store.js';
import { LuaScript, type RedisCommands } from './lua-script.js';

// A log's keys share one hash tag, {l:{name}} after the store's prefix (a Cluster prefix holds no braces), so
// every script on a log runs in one slot, whatever the name:
//   {P}{l:{name}}s  stream: the events, entry id {offset}-0, fields b (the body) and t (when appended, ms)
//   {P}{l:{name}}m  hash: epoch, next (the next offset), first (the oldest kept), bytes (the bodies' summed lengths)
// A log has no expiry: its retention trims it. Its epoch is new when the hash is missing (a new log, or Redis
// lost it), or when the stream is missing while the hash says it holds events (Redis lost them): the
// followers then learn of the loss (an epoch gap) rather than miss it.
const STATE = `
local s, m = ARGV[1], ARGV[2]
local h = redis.call('HMGET', m, 'epoch', 'next', 'first', 'bytes')
local epoch, nxt, first, bytes = h[1], tonumber(h[2] or 1), tonumber(h[3] or 1), tonumber(h[4] or 0)
if not epoch or (first < nxt and redis.call('EXISTS', s) == 0) then
  epoch, first, bytes = ARGV[3], nxt, 0
  if not h[1] then nxt, first = 1, 1 end
  redis.call('DEL', s)
  redis.call('HSET', m, 'epoch', epoch, 'next', nxt, 'first', first, 'bytes', 0)
end
`;

/**
 * ARGV[1] stream, ARGV[2] hash, ARGV[3] a fresh epoch (used if the log needs one), ARGV[4] now, ARGV[5..7]
 * maxEvents, maxAge, maxBytes (empty: no bound), ARGV[8..] bodies → the next offset. Appends, then trims the
 * oldest events past the retention.
 */
const appendLua = new LuaScript(`${STATE}
local now = tonumber(ARGV[4])
local max_events, max_age, max_bytes = tonumber(ARGV[5]) or math.huge, tonumber(ARGV[6]), tonumber(ARGV[7]) or math.huge
for i = 8, #ARGV do
  redis.call('XADD', s, nxt .. '-0', 'b', ARGV[i], 't', now)
  bytes = bytes + #ARGV[i]
  nxt = nxt + 1
end
local trimmed = false
while first < nxt do
  local over = nxt - first > max_events or bytes > max_bytes
  local entries = redis.call('XRANGE', s, first .. '-0', '+', 'COUNT', 100)
  if #entries == 0 then break end
  local stop = false
  for _, entry in ipairs(entries) do
    local b, t = entry[2][2], tonumber(entry[2][4])
    if not (nxt - first > max_events or bytes > max_bytes or (max_age and now - t > max_age)) then stop = true break end
    bytes = bytes - #b
    first = tonumber(string.match(entry[1], '^(%d+)')) + 1
    trimmed = true
  end
  if stop or not over and not max_age then break end
end
if trimmed then redis.call('XTRIM', s, 'MINID', first) end
redis.call('HSET', m, 'next', nxt, 'first', first, 'bytes', bytes)
return nxt
`);

/** ARGV[1] stream, ARGV[2] hash, ARGV[3] a fresh epoch, ARGV[4] after, ARGV[5] max → { epoch, first, next, from, bodies... }. */
const readLua = new LuaScript(`${STATE}
local from = math.max(tonumber(ARGV[4]) + 1, first)
local out = { epoch, first, nxt, from }
if tonumber(ARGV[5]) > 0 and from < nxt then
  for _, entry in ipairs(redis.call('XRANGE', s, from .. '-0', '+', 'COUNT', ARGV[5])) do out[#out + 1] = entry[2][2] end
end
return out
`);

/** Events one append call carries at most. */
const MAX_CALL = 1000;

interface Pending {
  readonly bodies: string[];
  readonly retention: LogRetention;
}

/**
 * The Redis store's logs: appends are grouped per log and turn (one script
 * call per log, sent one after another, so a log's events keep their order),
 * then announced on the first shard's notice channel (`l {origin} {name}`),
 * so every process wakes its followers.
 */
export class RedisLogs {
  #pending = new Map<string, Pending[]>();
  #timer: ReturnType<typeof setImmediate> | undefined;
  /** The last send: sends go one at a time. */
  #sending: Promise<void> = Promise.resolve();
  /** A failure no flush has reported yet. */
  #failed: { readonly error: unknown } | undefined;

  constructor(
    private readonly commands: () => Promise<RedisCommands>,
    private readonly prefix: string,
    private readonly now: () => number,
    private readonly grown: (logs: readonly string[]) => Promise<void>,
    private readonly onError: (error: unknown) => void,
  ) {}

  keys(log: string): [string, string] {
    const tag = `${this.prefix}{l:${log}}`;
    return [`${tag}s`, `${tag}m`];
  }

  append(log: string, body: string, retention: LogRetention): void {
    // In order per log: a run of appends with the same retention goes in one segment.
    let segments = this.#pending.get(log);
    if (segments === undefined) this.#pending.set(log, (segments = []));
    const last = segments[segments.length - 1];
    if (last !== undefined && sameRetention(last.retention, retention)) last.bodies.push(body);
    else segments.push({ bodies: [body], retention });
    this.#timer ??= setImmediate(() => void this.#send().catch(() => {}));
  }

  async read(log: string, after: number, max: number): Promise<LogSlice> {
    const [stream, hash] = this.keys(log);
    const redis = await this.commands();
    const [epoch, first, next, from, ...events] = (await readLua.run(redis, stream, [
      stream,
      hash,
      newEpoch(),
      after,
      max,
    ])) as [string, number, number, number, ...string[]];
    return { epoch, first, next, from, events };
  }

  /** Resolves once every append made so far is stored; rejects with a failure not reported yet. */
  async flush(): Promise<void> {
    await this.#send();
    const failed = this.#failed;
    this.#failed = undefined;
    if (failed !== undefined) throw failed.error;
  }

  #send(): Promise<void> {
    clearImmediate(this.#timer);
    this.#timer = undefined;
    const batch = this.#pending;
    if (batch.size === 0) return this.#sending;
    this.#pending = new Map();
    this.#sending = this.#sending.then(async () => {
      try {
        const redis = await this.commands();
        const at = this.now();
        await Promise.all(
          [...batch].map(async ([log, segments]) => {
            const [stream, hash] = this.keys(log);
            // At most MAX_CALL events a call: a script blocks Redis while it runs.
            for (const { bodies, retention } of segments)
              for (let i = 0; i < bodies.length; i += MAX_CALL)
                await appendLua.run(redis, stream, [
                  stream,
                  hash,
                  newEpoch(),
                  at,
                  retention.maxEvents ?? '',
                  retention.maxAge ?? '',
                  retention.maxBytes ?? '',
                  ...bodies.slice(i, i + MAX_CALL),
                ]);
          }),
        );
        await this.grown([...batch.keys()]);
      } catch (error) {
        this.#failed ??= { error };
        this.onError(error);
      }
    });
    return this.#sending;
  }
}

function sameRetention(a: LogRetention, b: LogRetention): boolean {
  return (
    a === b || (a.maxEvents === b.maxEvents && a.maxAge === b.maxAge && a.maxBytes === b.maxBytes)
  );
}
