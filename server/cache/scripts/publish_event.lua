-- Publishes one live event to every replica, numbered in order per stream, and keeps it for replay.
-- KEYS[1] the stream's seq counter   KEYS[2] the stream's recent events (a list)
-- ARGV[1] channel   ARGV[2] the event's JSON up to "seq":   ARGV[3] the rest of it
-- ARGV[4] events kept   ARGV[5] seconds they are kept   ARGV[6] the highest seq this replica saw
-- Atomic, so the order of seqs is the order in which every subscriber receives the events.
local seq = redis.call('INCR', KEYS[1])
local floor = tonumber(ARGV[6])
if seq <= floor then -- events numbered locally while Redis was away: never go back
    seq = floor + 1
    redis.call('SET', KEYS[1], seq)
end
redis.call('EXPIRE', KEYS[1], ARGV[5])
local message = ARGV[2] .. seq .. ARGV[3]
redis.call('RPUSH', KEYS[2], message)
redis.call('LTRIM', KEYS[2], -tonumber(ARGV[4]), -1)
redis.call('EXPIRE', KEYS[2], ARGV[5])
redis.call('PUBLISH', ARGV[1], message)
return seq
