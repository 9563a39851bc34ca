-- Counts a stream's viewers across replicas and, when the count changed and the stream's gate is
-- open (one count a second), publishes viewer_count_changed like publish_event.lua does.
-- KEYS[1] viewers (sorted set: session -> last heartbeat, ms)   KEYS[2] peak   KEYS[3] last
-- published count   KEYS[4] gate   KEYS[5] seq counter   KEYS[6] recent events
-- ARGV[1] heartbeats older than this (ms) are gone   ARGV[2] channel   ARGV[3] stream id
-- ARGV[4] timestamp (RFC 3339)   ARGV[5] events kept   ARGV[6] seconds kept   ARGV[7] seq floor
-- ARGV[8] the highest peak this replica saw (Redis may have restarted empty)
-- Returns {count, peak, seq}: seq 0 when nothing was published, -1 when the gate was shut.
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
local count = redis.call('ZCARD', KEYS[1])
if count == 0 then
    redis.call('SREM', KEYS[7], ARGV[3])
end
local peak = math.max(tonumber(redis.call('GET', KEYS[2]) or '0'), tonumber(ARGV[8]))
if count > peak then
    peak = count
end
if peak > tonumber(redis.call('GET', KEYS[2]) or '0') then
    redis.call('SET', KEYS[2], peak, 'EX', ARGV[6])
end
local last = redis.call('GET', KEYS[3])
if last and tonumber(last) == count then
    return {count, peak, 0}
end
if not redis.call('SET', KEYS[4], '1', 'NX', 'PX', 1000) then
    return {count, peak, -1}
end
redis.call('SET', KEYS[3], count, 'EX', ARGV[6])
local seq = redis.call('INCR', KEYS[5])
local floor = tonumber(ARGV[7])
if seq <= floor then
    seq = floor + 1
    redis.call('SET', KEYS[5], seq)
end
redis.call('EXPIRE', KEYS[5], ARGV[6])
local message = cjson.encode({event = 'viewer_count_changed', data = {
    stream_id = ARGV[3], timestamp = ARGV[4], seq = seq, viewer_count = count, peak_viewers = peak}})
redis.call('RPUSH', KEYS[6], message)
redis.call('LTRIM', KEYS[6], -tonumber(ARGV[5]), -1)
redis.call('EXPIRE', KEYS[6], ARGV[6])
redis.call('PUBLISH', ARGV[2], message)
return {count, peak, seq}
