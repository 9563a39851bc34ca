-- Publishes one live event to every replica, numbered in order per stream, and keeps it for replay.
-- KEYS[1] the stream's seq counter   KEYS[2] the stream's recent events (a list)
-- KEYS[3] the outbox entries already published (entry id -> seq)
-- ARGV[1] channel   ARGV[2] the event's JSON up to "seq":   ARGV[3] the rest of it
-- ARGV[4] events kept   ARGV[5] seconds they are kept   ARGV[6] the highest seq this replica saw
-- ARGV[7] the event's outbox entry id, or "" for none
-- Atomic, so the order of seqs is the order in which every subscriber receives the events. An
-- outbox entry is published once however often it is retried: a retry gets the first seq back,
-- negated (told before).
if ARGV[7] ~= '' then
    local done = redis.call('HGET', KEYS[3], ARGV[7])
    if done then
        return -tonumber(done)
    end
end
local seq = redis.call('INCR', KEYS[1])
local floor = tonumber(ARGV[6])
if seq <= floor then -- events numbered elsewhere while Redis was away: never go back
    seq = floor + 1
    redis.call('SET', KEYS[1], seq)
end
redis.call('EXPIRE', KEYS[1], ARGV[5])
local message = ARGV[2] .. seq .. ARGV[3]
redis.call('RPUSH', KEYS[2], message)
redis.call('LTRIM', KEYS[2], -tonumber(ARGV[4]), -1)
redis.call('EXPIRE', KEYS[2], ARGV[5])
if ARGV[7] ~= '' then
    redis.call('HSET', KEYS[3], ARGV[7], seq)
    redis.call('EXPIRE', KEYS[3], ARGV[5])
end
redis.call('PUBLISH', ARGV[1], message)
return seq
