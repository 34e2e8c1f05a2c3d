import { REMEMBERED_CALLS } from '../client-store.js';
import { StoreScript } from './lua-script.js';

// Every script gets ARGV[1] the prefix of one shard {S} (redis-layout.ts: the store's prefix {P} on a single
// Redis, {P}{tag} on a Cluster, where {tag} is the shard's hash tag), ARGV[2] the calling store's origin (so a
// process skips its own notices), ARGV[3] now (the store's clock, ms), ARGV[4] the ttl (ms); its own arguments
// follow. A script touches the keys of its shard only (one Cluster slot). Keys of a shard:
//   {S}c:{id}   hash: seq (last assigned), gf/gt/gr (the gap: from, to, reason; no gr: overflow), cb:{n} (registered callbacks),
//               np (the queue may hold release notices: reads mark those whose callback was registered again stale),
//               rg (the last reader claim number), rp/rs (the origin that made the last poll/socket claim)
//               f:{n} (callback n follows a log: '{next offset} {epoch} {log}', see redis-logs.ts)
//   {S}q:{id}   stream: the unacknowledged events, entry id {seq}-0, field e = the event's JSON text
//   {S}b:{id}   list: the byte lengths of the stream's events, oldest first (their sum is field qb of {S}c:{id})
//   {S}e:{id}   string: why an ended client ended, kept for one ttl
//   {S}o:{id}   string: the principal that opened it (only when one did), kept like the client, then one ttl more
//   {S}x:{tag} string: the group (a call's events: tag '{id}:{call}') was stored in this shard; kept 2 ttl
//   {S}k:{id}   hash: the answers of the client's last calls with an id (field: call id, value: the answer), and
//   {S}kl:{id}  list: their ids, oldest first; both expire 2 ttl after the last record, and go with the client
//   {S}m:{id}   hash: the client's topic memberships, field '{n} {topic}' (callback n is a member of topic)
//   {S}t:{name} hash: topic name's members in this shard, field '{n} {id}' = the callback interface's name
//   {S}active   sorted set: the shard's live clients by last activity (the sweep's index)
//   {S}topics   sorted set: every topic name that had a member in this shard since this index existed (score 0, so in
//               name order: the admin page's index); a name whose hash is empty is removed when a listing meets it
//   {S}h:{origin} set: '{id} {n}', the registrations made through that store (its stand-ins hold them);
//               expires 2 ttl after its store's last renewal (by then every client it held expired too)
//   {S}notices  pub/sub channel (sharded on a Cluster): "a {origin} {id}...", "r {origin} {id} {n,n}",
//               "e {origin} {id} {reason}", "t {origin} {id} {p|s} {claim}"
// A registration cb:{n} of {S}c:{id} holds the space-separated origins of the stores that registered it.
// Keys in no shard, written by the store with plain commands (redis-store.ts), never by a script:
//   {P}L:{origin} string: the lease of a store (a process), set with an expiry and renewed by its sweeps
//   {P}leases   set: the origins that hold or held a lease (expires 2 ttl after the last renewal)
//   {P}layout   string (Cluster only): 'shards {count}', so stores sharing a prefix agree on the shards
// A live client's keys also expire by themselves 2 ttl after its last activity, in case no server sweeps.
const COMMON = `
local P, ORIGIN, NOW, TTL = ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4])
-- PUBLISH on a single Redis, SPUBLISH (to this shard's slot) on a Cluster: see StoreScript.
local PUBLISH_CMD = '%PUBLISH%'
local ACTIVE, NOTICES = P .. 'active', P .. 'notices'
local function ckey(id) return P .. 'c:' .. id end
local function qkey(id) return P .. 'q:' .. id end
local function gone(id) return redis.call('GET', P .. 'e:' .. id) or 'unknown' end
local function mkey(id) return P .. 'm:' .. id end
local function bkey(id) return P .. 'b:' .. id end
-- Forgets the n oldest event sizes of client id; returns their sum.
local function pop_sizes(id, n)
  local sum = 0
  if n > 0 then
    for _, size in ipairs(redis.call('LPOP', bkey(id), n) or {}) do sum = sum + tonumber(size) end
  end
  return sum
end
local function tkey(name) return P .. 't:' .. name end
local function touch(id)
  redis.call('ZADD', ACTIVE, ARGV[3], id)
  redis.call('PEXPIRE', ckey(id), 2 * TTL)
  redis.call('PEXPIRE', qkey(id), 2 * TTL)
  redis.call('PEXPIRE', mkey(id), 2 * TTL)
  redis.call('PEXPIRE', bkey(id), 2 * TTL)
  redis.call('PEXPIRE', P .. 'o:' .. id, 2 * TTL)
end
-- Removes callback n (a string; nil: every callback) of client id from the topics it is a member of.
local function leave_topics(id, n)
  local m = mkey(id)
  for _, field in ipairs(redis.call('HKEYS', m)) do
    local sp = string.find(field, ' ', 1, true)
    local cb = string.sub(field, 1, sp - 1)
    if n == nil or cb == n then
      redis.call('HDEL', tkey(string.sub(field, sp + 1)), cb .. ' ' .. id)
      redis.call('HDEL', m, field)
    end
  end
end
-- Forgets that the stores holding callback n (field cb:n, value: their origins) hold it.
local function unhold(id, n, holders)
  for origin in string.gmatch(holders or '', '%S+') do
    redis.call('SREM', P .. 'h:' .. origin, id .. ' ' .. n)
  end
end
local function finish(id, reason)
  leave_topics(id, nil)
  local fields = redis.call('HGETALL', ckey(id))
  for i = 1, #fields, 2 do
    if string.sub(fields[i], 1, 3) == 'cb:' then unhold(id, string.sub(fields[i], 4), fields[i + 1]) end
  end
  redis.call('DEL', ckey(id), qkey(id), mkey(id), bkey(id), P .. 'k:' .. id, P .. 'kl:' .. id)
  redis.call('ZREM', ACTIVE, id)
  redis.call('SET', P .. 'e:' .. id, reason, 'PX', TTL)
  redis.call('PEXPIRE', P .. 'o:' .. id, TTL)
  redis.call(PUBLISH_CMD, NOTICES, 'e ' .. ORIGIN .. ' ' .. id .. ' ' .. reason)
end
`;

const script = (body: string) => new StoreScript(COMMON + body);

/** ARGV[5] id, ARGV[6] its owner ('' for none). */
export const openScript = script(`
redis.call('HSET', ckey(ARGV[5]), 'seq', 0)
if ARGV[6] ~= '' then redis.call('SET', P .. 'o:' .. ARGV[5], ARGV[6]) end
touch(ARGV[5])
return 1
`);

/** ARGV[5] id → 'live' or why not. */
export const touchScript = script(`
local id = ARGV[5]
if redis.call('EXISTS', ckey(id)) == 0 then return gone(id) end
touch(id)
return 'live'
`);

/**
 * ARGV[5] id, ARGV[6] callback → 'live' or why not. Records that this store (ORIGIN) holds the callback,
 * so a sweep elsewhere can release it when the holder's lease lapses (the store renews its lease itself,
 * before registering: the lease key is in no shard's slot).
 */
export const registerScript = script(`
local id, n = ARGV[5], ARGV[6]
if redis.call('EXISTS', ckey(id)) == 0 then return gone(id) end
touch(id)
local holders = redis.call('HGET', ckey(id), 'cb:' .. n) or ''
if not string.find(' ' .. holders .. ' ', ' ' .. ORIGIN .. ' ', 1, true) then
  holders = holders == '' and ORIGIN or holders .. ' ' .. ORIGIN
  redis.call('HSET', ckey(id), 'cb:' .. n, holders)
end
redis.call('SADD', P .. 'h:' .. ORIGIN, id .. ' ' .. n)
redis.call('PEXPIRE', P .. 'h:' .. ORIGIN, 2 * TTL)
return 'live'
`);

/** ARGV[5] id, ARGV[6..] callbacks → { 'live', 'n,n' (those that were registered) } or { why not }. */
export const releaseScript = script(`
local id = ARGV[5]
if redis.call('EXISTS', ckey(id)) == 0 then return { gone(id) } end
touch(id)
local released = {}
for i = 6, #ARGV do
  local holders = redis.call('HGET', ckey(id), 'cb:' .. ARGV[i])
  if holders then unhold(id, ARGV[i], holders) end
  if redis.call('HDEL', ckey(id), 'cb:' .. ARGV[i]) == 1 then
    redis.call('HDEL', ckey(id), 'f:' .. ARGV[i])
    released[#released + 1] = ARGV[i]
    leave_topics(id, ARGV[i])
  end
end
if #released == 0 then return { 'live', '' } end
local list = table.concat(released, ',')
redis.call(PUBLISH_CMD, NOTICES, 'r ' .. ORIGIN .. ' ' .. id .. ' ' .. list)
return { 'live', list }
`);

/** ARGV[5] id → 'live' (it is closed now) or why it was not live. */
export const closeScript = script(`
local id = ARGV[5]
if redis.call('EXISTS', ckey(id)) == 0 then return gone(id) end
finish(id, 'closed')
return 'live'
`);

/** ARGV[5] most clients to end → the ids ended (expired). Atomic: concurrent sweeps end each client once. */
export const sweepScript = script(`
local ids = redis.call('ZRANGEBYSCORE', ACTIVE, '-inf', NOW - TTL, 'LIMIT', 0, tonumber(ARGV[5]))
for _, id in ipairs(ids) do finish(id, 'expired') end
return ids
`);

// The read script in two parts, so that the log read (below) can enqueue between them: first the client, its
// acknowledgement and its gap; then the events answered (`extra`: header elements after the four, `at` in all).
const READ_HEAD = `
local id, after = ARGV[5], tonumber(ARGV[6])
local from = math.max(after, tonumber(ARGV[8]) or after)
local c = ckey(id)
local h = redis.call('HMGET', c, 'seq', 'gf', 'gt', 'gr', 'np')
if not h[1] then return { gone(id) } end
touch(id)
local seq = tonumber(h[1])
local q = qkey(id)
if after > seq then
  redis.call('DEL', q, bkey(id))
  redis.call('HSET', c, 'seq', after + 1, 'gf', after + 1, 'gt', after + 1, 'gr', 'lost', 'qb', 0)
  h = { after + 1, after + 1, after + 1, 'lost' }
end
if after > 0 then
  local acked = pop_sizes(id, redis.call('XTRIM', q, 'MINID', after + 1))
  if acked > 0 then redis.call('HINCRBY', c, 'qb', -acked) end
end
local gf, gt = tonumber(h[2] or 0), tonumber(h[3] or 0)
if gt > 0 and after >= gt then
  redis.call('HDEL', c, 'gf', 'gt', 'gr')
  gf, gt = 0, 0
elseif gt > 0 and after >= gf then
  gf = after + 1
  redis.call('HSET', c, 'gf', gf)
end
`;
const readTail = (extra = '', at = 4) => `
local out = { 'live', gf, gt, h[4] or 'overflow'${extra} }
-- ARGV[9]: stop before the event that takes the texts past this many bytes (the first always comes); absent: no bound.
local budget, used = tonumber(ARGV[9]), 0
for i, entry in ipairs(redis.call('XRANGE', q, from + 1, '+', 'COUNT', ARGV[7])) do
  local body = entry[2][2]
  used = used + #body
  if budget and i > 1 and used > budget then break end
  -- A release notice whose callback was registered again since (the client passed it before it read the notice) is stale.
  if h[5] and string.find(body, '"released":', 1, true) then
    local n = string.match(body, '"cb":(%d+)')
    if n and redis.call('HEXISTS', c, 'cb:' .. n) == 1 then body = string.sub(body, 1, -2) .. ',"stale":true}' end
  end
  out[i + ${at}] = body
end
if h[5] and redis.call('XLEN', q) == 0 then redis.call('HDEL', c, 'np') end
return out
`;

/**
 * ARGV[5] id, ARGV[6] after, ARGV[7] max, ARGV[8] from (>= after; the events answered are those after it),
 * ARGV[9] the most bytes of event text answered (at least one event; empty: no bound)
 * → { 'live', gapFrom, gapTo, gapReason, event... } | { why not }.
 * Acknowledges (trims) every seq <= after first. An after beyond the last seq means Redis lost writes the
 * client had seen (a restart without persistence of them): seq after + 1 becomes a 'lost' gap and the
 * client's next events follow it.
 */
export const readScript = script(READ_HEAD + readTail());

/** ARGV[5] topic, ARGV[6] id, ARGV[7] callback, ARGV[8] its interface → 1 if a member now, else 0 (not live, not registered). */
export const joinScript = script(`
local topic, id, n = ARGV[5], ARGV[6], ARGV[7]
if redis.call('EXISTS', ckey(id)) == 0 then return 0 end
touch(id)
if redis.call('HEXISTS', ckey(id), 'cb:' .. n) == 0 then return 0 end
redis.call('HSET', tkey(topic), n .. ' ' .. id, ARGV[8])
redis.call('ZADD', P .. 'topics', 0, topic)
redis.call('HSET', mkey(id), n .. ' ' .. topic, 1)
redis.call('PEXPIRE', mkey(id), 2 * TTL)
return 1
`);

/** ARGV[5] topic, ARGV[6] id, ARGV[7] callback → 1 if it was a member, else 0. */
export const leaveScript = script(`
local topic, id, n = ARGV[5], ARGV[6], ARGV[7]
if redis.call('EXISTS', ckey(id)) == 1 then touch(id) end
redis.call('HDEL', mkey(id), n .. ' ' .. topic)
return redis.call('HDEL', tkey(topic), n .. ' ' .. id)
`);

/**
 * Appending to a client's queue, shared by the append and log enqueue scripts: ARGV[5] maxQueue, ARGV[6]
 * overflow, ARGV[7] maxQueueBytes (empty: no bound); `push(id, list, from, to)` appends payloads
 * list[from..to], recording the ids appended and ended (for overflow) in `appended` and `ended`.
 */
const pushAt = (at: number) => `
local max, close, max_bytes = tonumber(ARGV[${at}]), ARGV[${at + 1}] == 'close', tonumber(ARGV[${at + 2}]) or math.huge
local appended, ended, seen = {}, {}, {}
-- Appends the payloads list[from..to] to client id; false if the client is not live.
local function push(id, list, from, to)
  local c, q, b = ckey(id), qkey(id), bkey(id)
  local h = redis.call('HMGET', c, 'seq', 'qb')
  if not h[1] then return false end
  local seq, bytes, len = tonumber(h[1]), tonumber(h[2] or 0), redis.call('XLEN', q)
  local first, dropped = seq - len + 1, 0
  for j = from, to do
    seq = seq + 1
    local text = '{"seq":' .. seq .. ',' .. list[j] .. '}'
    if close and (len + 1 > max or bytes + #text > max_bytes) then
      finish(id, 'overflow')
      ended[#ended + 1] = id
      return true
    end
    redis.call('XADD', q, seq .. '-0', 'e', text)
    redis.call('RPUSH', b, #text)
    len, bytes = len + 1, bytes + #text
    -- Drop-oldest: the new event itself goes too when it alone is past max_bytes (the gap names it).
    local over = 0
    while len - over > max or (len - over > 0 and bytes > max_bytes) do
      over = over + 1
      bytes = bytes - tonumber(redis.call('LINDEX', b, over - 1))
    end
    if over > 0 then
      pop_sizes(id, over)
      len, dropped = len - over, dropped + over
    end
  end
  if dropped > 0 then
    -- Seqs first .. seq - len were dropped: trimmed once, and made (the end of) the gap.
    if not redis.call('HGET', c, 'gt') then redis.call('HSET', c, 'gf', first) end
    redis.call('HSET', c, 'gt', seq - len)
    redis.call('HDEL', c, 'gr')
    redis.call('XTRIM', q, 'MINID', seq - len + 1)
  end
  redis.call('HSET', c, 'seq', seq, 'qb', bytes)
  -- The stream or the size list may be new (an emptied list is deleted): they expire with the client's hash.
  local left = redis.call('PTTL', c)
  if left > 0 and redis.call('PTTL', b) == -1 then
    redis.call('PEXPIRE', q, left)
    redis.call('PEXPIRE', b, left)
  end
  if not seen[id] then
    seen[id] = true
    appended[#appended + 1] = id
  end
  return true
end
`;
const PUSH = pushAt(5);

/**
 * ARGV[5] maxQueue, ARGV[6] overflow ('drop-oldest' | 'close'), ARGV[7] maxQueueBytes (empty: no bound), then
 * operations in order:
 *   'a', id, count, payloads...     appends to one client
 *   't', topic, interface, body     appends '"cb":n,' .. body to every member (n, id) of the topic of that interface
 *   'r', id, call, answer           records the answer of the client's call `call` (ClientStore.recordCall)
 *   'x', tag ... 'y'                a group (a call's events, ClientStore.withCall): its operations run only if
 *                                   this shard has not run a group of that tag before ({S}x:{tag}, kept 2 ttl)
 * → { ids appended, space-separated; ids ended for overflow }. Each client's seqs are assigned here, so
 * appends from several processes never share one. Past either bound (events, or bytes of their texts),
 * drop-oldest drops the oldest events, the new one too if it alone is past maxQueueBytes (extending the
 * gap); close ends the client. A topic member whose client is gone (its keys expired with no sweep) is
 * removed from the topic.
 */
export const appendScript = script(
  `${PUSH}local i = 8
while i <= #ARGV do
  if ARGV[i] == 'a' then
    local k = tonumber(ARGV[i + 2])
    push(ARGV[i + 1], ARGV, i + 3, i + 2 + k)
    i = i + 3 + k
  elseif ARGV[i] == 'x' then
    -- A call's group: stored once per shard. An earlier sending of the call stored it here: skip to its end.
    local fresh = redis.call('SET', P .. 'x:' .. ARGV[i + 1], 1, 'NX', 'PX', 2 * TTL)
    i = i + 2
    if not fresh then
      while i <= #ARGV and ARGV[i] ~= 'y' do
        if ARGV[i] == 'a' then i = i + 3 + tonumber(ARGV[i + 2]) else i = i + 4 end
      end
    end
  elseif ARGV[i] == 'y' then
    i = i + 1
  elseif ARGV[i] == 'r' then
    -- A call's answer (the first recorded stays), kept with the client's last REMEMBERED_CALLS for 2 ttl.
    local id, call = ARGV[i + 1], ARGV[i + 2]
    if redis.call('EXISTS', ckey(id)) == 1 then
      local k, l = P .. 'k:' .. id, P .. 'kl:' .. id
      if redis.call('HSETNX', k, call, ARGV[i + 3]) == 1 and redis.call('RPUSH', l, call) > %REMEMBERED% then
        redis.call('HDEL', k, redis.call('LPOP', l))
      end
      redis.call('PEXPIRE', k, 2 * TTL)
      redis.call('PEXPIRE', l, 2 * TTL)
    end
    i = i + 4
  else
    local t, iface, body = tkey(ARGV[i + 1]), ARGV[i + 2], ARGV[i + 3]
    i = i + 4
    local members = redis.call('HGETALL', t)
    for j = 1, #members, 2 do
      if members[j + 1] == iface then
        local field = members[j]
        local sp = string.find(field, ' ', 1, true)
        local n, id = string.sub(field, 1, sp - 1), string.sub(field, sp + 1)
        -- Releases and ends remove their members; a client whose keys expired unswept is not live: drop it.
        if not push(id, { '"cb":' .. n .. ',' .. body }, 1, 1) then redis.call('HDEL', t, field) end
      end
    end
  end
end
if #appended > 0 then redis.call(PUBLISH_CMD, NOTICES, 'a ' .. ORIGIN .. ' ' .. table.concat(appended, ' ')) end
return { table.concat(appended, ' '), table.concat(ended, ' ') }
`.replace('%REMEMBERED%', String(REMEMBERED_CALLS)),
);

/**
 * One shard's part of a lease sweep: ARGV[5] 'renew' or 'retire', then (renew) the origins of the stores
 * whose lease lapsed → { id, n, id, n, ... }: the registrations released. 'renew' keeps this store's
 * holdings in the shard (they expire 2 ttl after the last renewal) and releases what the dead stores held
 * (they died: SIGKILL, a crash, a restart); 'retire' releases what this store holds (a drain). The store
 * itself renews or deletes the lease key and the set of leases (keys in no shard), before and after.
 * A registration that is a topic member or a log follower stays (Redis keeps it); the others lose their
 * registration, everywhere ('r' notice), and the caller appends a release notice to each client's queue.
 */
export const leaseScript = script(`
local MODE = ARGV[5]
local out = {}
local function is_member(id, n)
  for _, field in ipairs(redis.call('HKEYS', mkey(id))) do
    if string.sub(field, 1, #n + 1) == n .. ' ' then return true end
  end
  return false
end
local function release_held(origin)
  local h = P .. 'h:' .. origin
  local by_client = {}
  for _, entry in ipairs(redis.call('SMEMBERS', h)) do
    local sp = string.find(entry, ' ', 1, true)
    local id, n = string.sub(entry, 1, sp - 1), string.sub(entry, sp + 1)
    local holders = redis.call('HGET', ckey(id), 'cb:' .. n)
    if holders and not is_member(id, n) and redis.call('HEXISTS', ckey(id), 'f:' .. n) == 0 then
      unhold(id, n, holders)
      redis.call('HDEL', ckey(id), 'cb:' .. n)
      redis.call('HSET', ckey(id), 'np', 1)
      out[#out + 1] = id
      out[#out + 1] = n
      by_client[id] = (by_client[id] and by_client[id] .. ',' or '') .. n
    end
  end
  redis.call('DEL', h)
  for id, list in pairs(by_client) do
    redis.call(PUBLISH_CMD, NOTICES, 'r ' .. ORIGIN .. ' ' .. id .. ' ' .. list)
  end
end
if MODE == 'retire' then
  release_held(ORIGIN)
  return out
end
redis.call('PEXPIRE', P .. 'h:' .. ORIGIN, 2 * TTL)
for i = 6, #ARGV do release_held(ARGV[i]) end
return out
`);

/**
 * A reader claim: ARGV[5] id, ARGV[6] 'p' (a parked poll) or 's' (a socket).
 * Returns the claim number (0: the client is not live). Publishes a takeover
 * notice only when the last claim of that kind came from another store: a
 * client that stays on one process costs no notice.
 */
export const claimScript = script(`
local id, kind = ARGV[5], ARGV[6]
local c = ckey(id)
if redis.call('EXISTS', c) == 0 then return 0 end
local claim = redis.call('HINCRBY', c, 'rg', 1)
local last = redis.call('HGET', c, 'r' .. kind)
if last ~= ORIGIN then
  redis.call('HSET', c, 'r' .. kind, ORIGIN)
  if last then redis.call(PUBLISH_CMD, NOTICES, 't ' .. ORIGIN .. ' ' .. id .. ' ' .. kind .. ' ' .. claim) end
end
return claim
`);

/**
 * ARGV[5] offset, ARGV[6] limit → the number of live clients, then per client of that page (most recently
 * active first): id, last activity, owner ('' for none), events queued, their bytes, callbacks registered.
 * Read-only: not activity. One page costs a few commands per client listed, never a pass over every client.
 */
export const listClientsScript = script(`
local offset, limit = tonumber(ARGV[5]), tonumber(ARGV[6])
local out = { redis.call('ZCARD', ACTIVE) }
local page = redis.call('ZREVRANGE', ACTIVE, offset, offset + limit - 1, 'WITHSCORES')
for i = 1, #page, 2 do
  local id = page[i]
  local fields = redis.call('HGETALL', ckey(id))
  local callbacks, bytes = 0, 0
  for j = 1, #fields, 2 do
    if string.sub(fields[j], 1, 3) == 'cb:' then callbacks = callbacks + 1 end
    if fields[j] == 'qb' then bytes = tonumber(fields[j + 1]) end
  end
  local owner = redis.call('GET', P .. 'o:' .. id) or ''
  local events = redis.call('EXISTS', qkey(id)) == 1 and redis.call('XLEN', qkey(id)) or 0
  table.insert(out, id)
  table.insert(out, page[i + 1])
  table.insert(out, owner)
  table.insert(out, events)
  table.insert(out, bytes)
  table.insert(out, callbacks)
end
return out
`);

/**
 * ARGV[5] the last name of the page before ('' for the first page), ARGV[6] limit, ARGV[7] members per topic
 * → { 1 if there are more topics, else 0; then per topic: name, size, count of members listed, and for each
 * member its field ('{n} {id}') and interface }. Topics by name from the {P}topics index; names whose hash
 * is empty (every member left) are dropped from the index as they are met.
 */
export const listTopicsScript = script(`
local after, limit, per = ARGV[5], tonumber(ARGV[6]), tonumber(ARGV[7])
local index = P .. 'topics'
local out, found = { 0 }, 0
local from = after == '' and '-' or '(' .. after
while found < limit do
  local names = redis.call('ZRANGEBYLEX', index, from, '+', 'LIMIT', 0, limit)
  if #names == 0 then return out end
  for _, name in ipairs(names) do
    from = '(' .. name
    local size = redis.call('HLEN', tkey(name))
    if size == 0 then
      redis.call('ZREM', index, name)
    elseif found == limit then
      out[1] = 1
      return out
    else
      found = found + 1
      local fields = redis.call('HSCAN', tkey(name), 0, 'COUNT', per)[2]
      local listed = math.min(per, #fields / 2)
      table.insert(out, name)
      table.insert(out, size)
      table.insert(out, listed)
      for i = 1, 2 * listed do table.insert(out, fields[i]) end
    end
  end
end
if #redis.call('ZRANGEBYLEX', index, from, '+', 'LIMIT', 0, 1) > 0 then out[1] = 1 end
return out
`);

/**
 * ARGV[5] id, ARGV[6] callback, ARGV[7] the log, ARGV[8] next offset, ARGV[9] epoch → 1 if it follows now
 * (a registered callback of a live client), else 0. The follow is field f:{n} of {S}c:{id}: '{next} {epoch} {log}';
 * an append notice for the client wakes its readers in other processes (and makes them ask its follows).
 */
export const followScript = script(`
local id, n = ARGV[5], ARGV[6]
if redis.call('EXISTS', ckey(id)) == 0 then return 0 end
touch(id)
if redis.call('HEXISTS', ckey(id), 'cb:' .. n) == 0 then return 0 end
redis.call('HSET', ckey(id), 'f:' .. n, ARGV[8] .. ' ' .. ARGV[9] .. ' ' .. ARGV[7])
-- A reader of the client parked in another process before the follow: it reads again (and asks the follows).
redis.call(PUBLISH_CMD, NOTICES, 'a ' .. ORIGIN .. ' ' .. id)
return 1
`);

/** ARGV[5] id, ARGV[6] callback → 1 if it followed a log, else 0; an append notice tells the other processes. */
export const unfollowScript = script(`
local id = ARGV[5]
if redis.call('EXISTS', ckey(id)) == 1 then touch(id) end
local done = redis.call('HDEL', ckey(id), 'f:' .. ARGV[6])
if done == 1 then redis.call(PUBLISH_CMD, NOTICES, 'a ' .. ORIGIN .. ' ' .. id) end
return done
`);

/** ARGV[5] id → the follows' values, '{n} {next} {epoch} {log}' each (none for a client that is not live). */
export const followsScript = script(`
local out = {}
local fields = redis.call('HGETALL', ckey(ARGV[5]))
for i = 1, #fields, 2 do
  if string.sub(fields[i], 1, 2) == 'f:' then out[#out + 1] = string.sub(fields[i], 3) .. ' ' .. fields[i + 1] end
end
return out
`);

/**
 * ARGV[5..7] as for appendScript, ARGV[8] id, ARGV[9] callback, ARGV[10] the follow's next offset expected,
 * ARGV[11] its new next, ARGV[12] its epoch, ARGV[13] the range entry's payload → 1 if the entry was
 * appended and the follow moved (at once: two readers racing never queue one range twice), else 0.
 */
export const enqueueScript = script(`${PUSH}
local id, n = ARGV[8], ARGV[9]
local c = ckey(id)
local follow = redis.call('HGET', c, 'f:' .. n)
if not follow then return 0 end
local sp = string.find(follow, ' ', 1, true)
local sp2 = string.find(follow, ' ', sp + 1, true)
if string.sub(follow, 1, sp - 1) ~= ARGV[10] then return 0 end
redis.call('HSET', c, 'f:' .. n, ARGV[11] .. ' ' .. ARGV[12] .. ' ' .. string.sub(follow, sp2 + 1))
push(id, { ARGV[13] }, 1, 1)
if #appended > 0 then redis.call(PUBLISH_CMD, NOTICES, 'a ' .. ORIGIN .. ' ' .. id) end
if #ended > 0 then return 2 end
return 1
`);

/**
 * A read (ARGV[5..9] as for readScript) that first queues log ranges, as enqueueScript does each (ARGV[10..12]
 * maxQueue, overflow, maxQueueBytes; ARGV[13..]: per range, callback, the follow's next offset expected, its new
 * next, its epoch, the payload), after the acknowledgement: one call for a follower woken by an append
 * → { 'live', gapFrom, gapTo, gapReason, moved ('1' or '0' per range), event... } | { why not, 'now' if it ended
 * here (overflow) }.
 */
export const readFollowingScript = script(`${pushAt(10)}${READ_HEAD}
local moved = {}
for i = 13, #ARGV, 5 do
  local n = ARGV[i]
  local follow = redis.call('HGET', c, 'f:' .. n)
  local sp = follow and string.find(follow, ' ', 1, true)
  if sp and string.sub(follow, 1, sp - 1) == ARGV[i + 1] then
    local sp2 = string.find(follow, ' ', sp + 1, true)
    redis.call('HSET', c, 'f:' .. n, ARGV[i + 2] .. ' ' .. ARGV[i + 3] .. ' ' .. string.sub(follow, sp2 + 1))
    push(id, { ARGV[i + 4] }, 1, 1)
    moved[#moved + 1] = '1'
  else
    moved[#moved + 1] = '0'
  end
  if #ended > 0 then return { 'overflow', 'now' } end
end
-- As enqueueScript: a reader of the client in another process reads again.
if #appended > 0 then redis.call(PUBLISH_CMD, NOTICES, 'a ' .. ORIGIN .. ' ' .. id) end
${readTail(', table.concat(moved)', 5)}`);
