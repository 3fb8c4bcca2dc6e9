/**
 * The decisions, each one Lua script: Redis runs a script atomically, so processes racing for the last slot of a
 * window never both get it, and nothing needs retrying under contention. Time is Redis's own clock (TIME), so the
 * processes' clocks do not have to agree.
 *
 * Keys of one quota (namespaced by project and bucket; one hash tag, so a Redis Cluster keeps them in one slot):
 *   KEYS[1] inflight  sorted set: slot id -> lease expiry (ms); a lease that ends counts as a send from then on
 *   KEYS[2] done      sorted set: slot id -> completion time (ms); counts until completion + interval
 *   KEYS[3] paused    string: ms timestamp before which nobody may send (a 429 pauses every process)
 *   KEYS[4] epoch     string: names this copy of the state. `done` holds a sentinel (`@epoch`, score 0) beside
 *                     it: when either is gone (a restart, a flush, an eviction of either key), the next process to
 *                     ask starts a new epoch, and every process puts back its own recent sends
 * Every key has a TTL.
 */

const NOW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
`;

/**
 * ARGV: slot id, lease ms, windows as "limit:intervalMs,limit:intervalMs", the epoch the caller knows ("" at first),
 * a new epoch id to start one with, the settling ms: a new epoch grants nothing for that long, so that every process
 * still asking puts its sends back before anyone sends again.
 * Returns {1, 0} when the slot is granted, {0, wait ms} when it is not (-1: until an in-flight slot ends), and
 * {2, 0, epoch} when the caller has not put its sends into this epoch yet (it seeds them, then asks again).
 */
export const ACQUIRE = `${NOW}
local slot, lease = ARGV[1], tonumber(ARGV[2])
local longest = 0
local windows = {}
for limit, interval in string.gmatch(ARGV[3], '(%d+):(%d+)') do
  windows[#windows + 1] = { tonumber(limit), tonumber(interval) }
  if tonumber(interval) > longest then longest = tonumber(interval) end
end
local epoch = redis.call('GET', KEYS[4])
if not epoch or not redis.call('ZSCORE', KEYS[2], '@epoch') then
  epoch = ARGV[5]
  redis.call('SET', KEYS[4], epoch, 'PX', longest + lease)
  redis.call('ZADD', KEYS[2], 0, '@epoch')
  local settle = tonumber(ARGV[6])
  if now + settle > tonumber(redis.call('GET', KEYS[3]) or '0') then
    redis.call('SET', KEYS[3], now + settle, 'PX', settle + 1000)
  end
end
if epoch ~= ARGV[4] then
  redis.call('PEXPIRE', KEYS[2], longest + lease)
  return { 2, 0, epoch }
end
redis.call('PEXPIRE', KEYS[4], longest + lease)
redis.call('PEXPIRE', KEYS[2], longest + lease)
-- A lease that ended without a release (its process died, or lost Redis) may have been sent: it counts as sent
-- at its expiry, until the window ends.
local expired = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'WITHSCORES')
for i = 1, #expired, 2 do redis.call('ZADD', KEYS[2], tonumber(expired[i + 1]), expired[i]) end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
-- Asked again for a slot it already holds (the answer was lost and the call retried, or ioredis resent it after a
-- reconnect): the same grant, not a second slot.
if redis.call('ZSCORE', KEYS[1], slot) then return { 1, 0 } end
-- Score 0 is the sentinel: kept, and never in a window (windows start after now - interval).
redis.call('ZREMRANGEBYSCORE', KEYS[2], '(0', now - longest)
local inflight = redis.call('ZCARD', KEYS[1])
local wait = math.max(0, tonumber(redis.call('GET', KEYS[3]) or '0') - now)
for _, w in ipairs(windows) do
  local recent = redis.call('ZRANGEBYSCORE', KEYS[2], now - w[2] + 1, '+inf', 'WITHSCORES')
  local count = #recent / 2
  local excess = count + inflight - w[1]
  if excess >= 0 then
    if excess < count then
      -- The oldest completions leave the window first.
      wait = math.max(wait, tonumber(recent[excess * 2 + 2]) + w[2] + 1 - now)
    else
      return { 0, -1 }
    end
  end
end
if wait > 0 then return { 0, wait } end
redis.call('ZADD', KEYS[1], now + lease, slot)
redis.call('PEXPIRE', KEYS[1], lease + longest)
return { 1, 0 }
`;

/**
 * ARGV: the epoch being seeded, the state's TTL ms (longest interval + lease), the lease ms, the number of sends, then
 * that many slot id and send time pairs, then the ids of the slots still in flight: a process's own recent sends and
 * requests under way, put back after the state was lost. The same slot ids as their releases, so nothing counts
 * twice, and a request in flight across the loss still holds its place in the windows.
 */
export const SEED = `${NOW}
if redis.call('GET', KEYS[4]) ~= ARGV[1] then return 0 end
local ttl, lease, sends = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
for i = 5, 4 + sends * 2, 2 do redis.call('ZADD', KEYS[2], tonumber(ARGV[i + 1]), ARGV[i]) end
if sends > 0 then redis.call('PEXPIRE', KEYS[2], ttl) end
for i = 5 + sends * 2, #ARGV do redis.call('ZADD', KEYS[1], now + lease, ARGV[i]) end
if #ARGV > 4 + sends * 2 then redis.call('PEXPIRE', KEYS[1], ttl) end
return 1
`;

/**
 * ARGV: slot id, "1" when the request was sent (it then counts as done from now), the state's TTL ms (longest
 * interval + lease: never shorter than what ACQUIRE gives it, so `done` and `epoch` go together).
 * Returns Redis's time, which the process keeps as the send's time (to seed a new epoch with), and the current epoch
 * ("" when there is none): a process that sees a new one puts its sends back at once, without waiting to ask.
 */
export const RELEASE = `${NOW}
redis.call('ZREM', KEYS[1], ARGV[1])
if ARGV[2] == '1' then
  redis.call('ZADD', KEYS[2], now, ARGV[1])
  redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[3]))
end
return { now, redis.call('GET', KEYS[4]) or '' }
`;

/** ARGV: pause ms. Extends (never shortens) the pause of every process. */
export const PAUSE = `${NOW}
local until_ = now + tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[3]) or '0')
if until_ > current then redis.call('SET', KEYS[3], until_, 'PX', tonumber(ARGV[1]) + 1000) end
return 1
`;
