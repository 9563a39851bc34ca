-- A stream becomes playable once its HLS has a master playlist and a first segment of every
-- variant; the replica that probes the stream records when. Players wait for it (stream_playable).
ALTER TABLE streams ADD COLUMN playable_at timestamptz;

DROP TRIGGER streams_revision ON streams;
CREATE TRIGGER streams_revision
    BEFORE UPDATE OF title, status, started_at, ended_at, peak_viewers, playable_at
    ON streams FOR EACH ROW EXECUTE FUNCTION streams_next_revision();

CREATE OR REPLACE FUNCTION streams_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('nova_stream_changes', json_build_object(
        'id', NEW.id,
        'title', NEW.title,
        'status', NEW.status,
        'owner', NEW.owner,
        'created_at_ms', floor(extract(epoch FROM NEW.created_at) * 1000)::bigint,
        'started_at_ms', floor(extract(epoch FROM NEW.started_at) * 1000)::bigint,
        'ended_at_ms', floor(extract(epoch FROM NEW.ended_at) * 1000)::bigint,
        'playable_at_ms', floor(extract(epoch FROM NEW.playable_at) * 1000)::bigint,
        'peak_viewers', NEW.peak_viewers,
        'revision', NEW.revision)::text);
    RETURN NULL;
END
$$;

DROP TRIGGER streams_notify ON streams;
CREATE TRIGGER streams_notify
    AFTER INSERT OR UPDATE OF title, status, started_at, ended_at, peak_viewers, playable_at
    ON streams FOR EACH ROW EXECUTE FUNCTION streams_notify_change();

-- stream_playable commits with playable_at, and is relayed like every lifecycle event.
ALTER TABLE stream_outbox DROP CONSTRAINT stream_outbox_event_check;
ALTER TABLE stream_outbox ADD CONSTRAINT stream_outbox_event_check CHECK (event IN (
    'stream_started', 'stream_interrupted', 'stream_resumed', 'stream_ended', 'stream_playable'));

CREATE FUNCTION streams_outbox_playable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO stream_outbox (stream_id, event) VALUES (NEW.id, 'stream_playable');
    RETURN NULL;
END
$$;
CREATE TRIGGER streams_outbox_playable AFTER UPDATE OF playable_at ON streams
    FOR EACH ROW WHEN (OLD.playable_at IS NULL AND NEW.playable_at IS NOT NULL)
    EXECUTE FUNCTION streams_outbox_playable();
