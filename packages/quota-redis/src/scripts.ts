/**
 * The three decisions, each one Lua script: Redis runs a script atomically, so processes racing for the
 * last slot of a window never both get it, and nothing needs retrying under contention. Time is Redis's own
 * clock (TIME), so the processes' clocks do not have to agree.
 *
 * Keys of one quota (namespaced by project and bucket):
 *   KEYS[1] inflight  sorted set: slot id -> lease expiry (ms); a holder that dies stops counting at expiry
 *   KEYS[2] done      sorted set: slot id -> completion time (ms); counts until completion + interval
 *   KEYS[3] paused    string: ms timestamp before which nobody may send (a 429 pauses every process)
 */

const NOW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
`;

/**
 * ARGV: slot id, lease ms, windows as "limit:intervalMs,limit:intervalMs".
 * Returns {1, 0} when the slot is granted, {0, wait ms} when it is not (-1: until an in-flight slot ends).
 */
export const ACQUIRE = `${NOW}
local slot, lease = ARGV[1], tonumber(ARGV[2])
local longest = 0
local windows = {}
for limit, interval in string.gmatch(ARGV[3], '(%d+):(%d+)') do
  windows[#windows + 1] = { tonumber(limit), tonumber(interval) }
  if tonumber(interval) > longest then longest = tonumber(interval) end
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - longest)
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

/** ARGV: slot id, "1" when the request was sent (it then counts as done from now), longest interval ms. */
export const RELEASE = `${NOW}
redis.call('ZREM', KEYS[1], ARGV[1])
if ARGV[2] == '1' then
  redis.call('ZADD', KEYS[2], now, ARGV[1])
  redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[3]) + 1000)
end
return 1
`;

/** ARGV: pause ms. Extends (never shortens) the pause of every process. */
export const PAUSE = `${NOW}
local until_ = now + tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[3]) or '0')
if until_ > current then redis.call('SET', KEYS[3], until_, 'PX', tonumber(ARGV[1]) + 1000) end
return 1
`;
