-- A stream's transition and its live event commit together: a trigger writes what happened into
-- the outbox in the transaction that changed the status, whichever statement did it, and a relay
-- hands each entry to Redis and deletes it. Nothing is lost to a Redis outage or to an answer
-- the database watchdog gave late: the entry waits until it is relayed.

CREATE TABLE stream_outbox (
    id bigserial PRIMARY KEY,
    stream_id uuid NOT NULL REFERENCES streams (id) ON DELETE CASCADE,
    event text NOT NULL
        CHECK (event IN ('stream_started', 'stream_interrupted', 'stream_resumed', 'stream_ended')),
    occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    -- A relay holds an entry until then; after that (it crashed) another relay may take it.
    claimed_until timestamptz
);
CREATE INDEX stream_outbox_stream_idx ON stream_outbox (stream_id, id);

-- While Redis is away, events are numbered here instead (on from the highest seq a replica saw)
-- and reach every replica through NOTIFY nova_stream_events.
ALTER TABLE streams ADD COLUMN event_seq bigint NOT NULL DEFAULT 0;

CREATE FUNCTION streams_outbox_transition() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    happened text;
BEGIN
    happened := CASE
        WHEN NEW.status IN ('COMPLETED', 'FAILED') THEN 'stream_ended'
        WHEN NEW.status = 'ACTIVE' AND OLD.status = 'PENDING' THEN 'stream_started'
        WHEN NEW.status = 'ACTIVE' AND OLD.status = 'RECONNECTING' THEN 'stream_resumed'
        WHEN NEW.status = 'RECONNECTING' THEN 'stream_interrupted'
    END;
    IF happened IS NOT NULL THEN
        INSERT INTO stream_outbox (stream_id, event) VALUES (NEW.id, happened);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER streams_outbox AFTER UPDATE OF status ON streams
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION streams_outbox_transition();
