import { LuaScript } from './lua-script.js';

// Every script gets ARGV[1] the key prefix, ARGV[2] the calling store's origin (so a process skips its own
// notices), ARGV[3] now (the store's clock, ms), ARGV[4] the ttl (ms); its own arguments follow. Keys:
//   {P}c:{id}   hash: seq (last assigned), gf/gt/gr (the gap: from, to, reason; no gr: overflow), cb:{n} (registered callbacks)
//   {P}q:{id}   stream: the unacknowledged events, entry id {seq}-0, field e = the event's JSON text
//   {P}e:{id}   string: why an ended client ended, kept for one ttl
//   {P}o:{id}   string: the principal that opened it (only when one did), kept like the client, then one ttl more
//   {P}m:{id}   hash: the client's topic memberships, field '{n} {topic}' (callback n is a member of topic)
//   {P}t:{name} hash: topic name's members, field '{n} {id}' = the callback interface's name
//   {P}active   sorted set: live clients by last activity (the sweep's index)
//   {P}notices  pub/sub channel: "a {origin} {id}...", "r {origin} {id} {n,n}", "e {origin} {id} {reason}"
// A live client's keys also expire by themselves 2 ttl after its last activity, in case no server sweeps.
const COMMON = `
local P, ORIGIN, NOW, TTL = ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4])
local ACTIVE, NOTICES = P .. 'active', P .. 'notices'
local function ckey(id) return P .. 'c:' .. id end
local function qkey(id) return P .. 'q:' .. id end
local function gone(id) return redis.call('GET', P .. 'e:' .. id) or 'unknown' end
local function mkey(id) return P .. 'm:' .. id end
local function tkey(name) return P .. 't:' .. name end
local function touch(id)
  redis.call('ZADD', ACTIVE, ARGV[3], id)
  redis.call('PEXPIRE', ckey(id), 2 * TTL)
  redis.call('PEXPIRE', qkey(id), 2 * TTL)
  redis.call('PEXPIRE', mkey(id), 2 * TTL)
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
local function finish(id, reason)
  leave_topics(id, nil)
  redis.call('DEL', ckey(id), qkey(id), mkey(id))
  redis.call('ZREM', ACTIVE, id)
  redis.call('SET', P .. 'e:' .. id, reason, 'PX', TTL)
  redis.call('PEXPIRE', P .. 'o:' .. id, TTL)
  redis.call('PUBLISH', NOTICES, 'e ' .. ORIGIN .. ' ' .. id .. ' ' .. reason)
end
`;

const script = (body: string) => new LuaScript(COMMON + body);

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

/** ARGV[5] id, ARGV[6] callback → 'live' or why not. */
export const registerScript = script(`
local id = ARGV[5]
if redis.call('EXISTS', ckey(id)) == 0 then return gone(id) end
touch(id)
redis.call('HSET', ckey(id), 'cb:' .. ARGV[6], 1)
return 'live'
`);

/** ARGV[5] id, ARGV[6..] callbacks → { 'live', 'n,n' (those that were registered) } or { why not }. */
export const releaseScript = script(`
local id = ARGV[5]
if redis.call('EXISTS', ckey(id)) == 0 then return { gone(id) } end
touch(id)
local released = {}
for i = 6, #ARGV do
  if redis.call('HDEL', ckey(id), 'cb:' .. ARGV[i]) == 1 then
    released[#released + 1] = ARGV[i]
    leave_topics(id, ARGV[i])
  end
end
if #released == 0 then return { 'live', '' } end
local list = table.concat(released, ',')
redis.call('PUBLISH', NOTICES, 'r ' .. ORIGIN .. ' ' .. id .. ' ' .. list)
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

/**
 * ARGV[5] id, ARGV[6] after, ARGV[7] max, ARGV[8] from (>= after; the events answered are those after it),
 * ARGV[9] the most bytes of event text answered (at least one event; empty: no bound)
 * → { 'live', gapFrom, gapTo, gapReason, event... } | { why not }.
 * Acknowledges (trims) every seq <= after first. An after beyond the last seq means Redis lost writes the
 * client had seen (a restart without persistence of them): seq after + 1 becomes a 'lost' gap and the
 * client's next events follow it.
 */
export const readScript = script(`
local id, after = ARGV[5], tonumber(ARGV[6])
local from = math.max(after, tonumber(ARGV[8]) or after)
local c = ckey(id)
local h = redis.call('HMGET', c, 'seq', 'gf', 'gt', 'gr')
if not h[1] then return { gone(id) } end
touch(id)
local seq = tonumber(h[1])
local q = qkey(id)
if after > seq then
  redis.call('DEL', q)
  redis.call('HSET', c, 'seq', after + 1, 'gf', after + 1, 'gt', after + 1, 'gr', 'lost')
  h = { after + 1, after + 1, after + 1, 'lost' }
end
if after > 0 then redis.call('XTRIM', q, 'MINID', after + 1) end
local gf, gt = tonumber(h[2] or 0), tonumber(h[3] or 0)
if gt > 0 and after >= gt then
  redis.call('HDEL', c, 'gf', 'gt', 'gr')
  gf, gt = 0, 0
elseif gt > 0 and after >= gf then
  gf = after + 1
  redis.call('HSET', c, 'gf', gf)
end
local out = { 'live', gf, gt, h[4] or 'overflow' }
-- ARGV[9]: stop before the event that takes the texts past this many bytes (the first always comes); absent: no bound.
local budget, used = tonumber(ARGV[9]), 0
for i, entry in ipairs(redis.call('XRANGE', q, from + 1, '+', 'COUNT', ARGV[7])) do
  local body = entry[2][2]
  used = used + #body
  if budget and i > 1 and used > budget then break end
  out[i + 4] = body
end
return out
`);

/** ARGV[5] topic, ARGV[6] id, ARGV[7] callback, ARGV[8] its interface → 1 if a member now, else 0 (not live, not registered). */
export const joinScript = script(`
local topic, id, n = ARGV[5], ARGV[6], ARGV[7]
if redis.call('EXISTS', ckey(id)) == 0 then return 0 end
touch(id)
if redis.call('HEXISTS', ckey(id), 'cb:' .. n) == 0 then return 0 end
redis.call('HSET', tkey(topic), n .. ' ' .. id, ARGV[8])
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
 * ARGV[5] maxQueue, ARGV[6] overflow ('drop-oldest' | 'close'), then operations in order:
 *   'a', id, count, payloads...     appends to one client
 *   't', topic, interface, body     appends '"cb":n,' .. body to every member (n, id) of the topic of that interface
 * → { ids appended, space-separated; ids ended for overflow }. Each client's seqs are assigned here, so
 * appends from several processes never share one. At the bound, drop-oldest keeps the newest maxQueue
 * events (extending the gap); close ends the client. A topic member whose client is gone (its keys
 * expired with no sweep) is removed from the topic.
 */
export const appendScript = script(`
local max, close = tonumber(ARGV[5]), ARGV[6] == 'close'
local appended, ended, seen = {}, {}, {}
-- Appends the payloads list[from..to] to client id; false if the client is not live.
local function push(id, list, from, to)
  local c, q = ckey(id), qkey(id)
  local seq = redis.call('HGET', c, 'seq')
  if not seq then return false end
  local k = to - from + 1
  local len
  seq, len = tonumber(seq), redis.call('XLEN', q)
  if close and len + k > max then
    finish(id, 'overflow')
    ended[#ended + 1] = id
    return true
  end
  local keep, oldest = seq + k - max + 1, seq - len + 1
  if keep > oldest then
    if not redis.call('HGET', c, 'gt') then redis.call('HSET', c, 'gf', oldest) end
    redis.call('HSET', c, 'gt', keep - 1)
    redis.call('HDEL', c, 'gr')
    if len > 0 then redis.call('XTRIM', q, 'MINID', keep) end
  end
  for j = math.max(0, keep - seq - 1), k - 1 do
    local s = seq + 1 + j
    redis.call('XADD', q, s .. '-0', 'e', '{"seq":' .. s .. ',' .. list[from + j] .. '}')
  end
  redis.call('HSET', c, 'seq', seq + k)
  if len == 0 then
    -- The stream may be new: it expires with the client's hash (an existing one already does).
    local left = redis.call('PTTL', c)
    if left > 0 then redis.call('PEXPIRE', q, left) end
  end
  if not seen[id] then
    seen[id] = true
    appended[#appended + 1] = id
  end
  return true
end
local i = 7
while i <= #ARGV do
  if ARGV[i] == 'a' then
    local k = tonumber(ARGV[i + 2])
    push(ARGV[i + 1], ARGV, i + 3, i + 2 + k)
    i = i + 3 + k
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
if #appended > 0 then redis.call('PUBLISH', NOTICES, 'a ' .. ORIGIN .. ' ' .. table.concat(appended, ' ')) end
return { table.concat(appended, ' '), table.concat(ended, ' ') }
`);
