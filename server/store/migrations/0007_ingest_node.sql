-- The ingest node holding a stream's publisher (the last one that did, once it has ended). A
-- publisher is known by its node and its client id there: client ids are each node's own.
ALTER TABLE streams ADD COLUMN ingest_node text;

DROP TRIGGER streams_revision ON streams;
CREATE TRIGGER streams_revision
    BEFORE UPDATE OF title, status, started_at, ended_at, peak_viewers, playable_at, ingest_node
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
        'ingest', NEW.ingest_node,
        'revision', NEW.revision)::text);
    RETURN NULL;
END
$$;

DROP TRIGGER streams_notify ON streams;
CREATE TRIGGER streams_notify
    AFTER INSERT OR UPDATE OF title, status, started_at, ended_at, peak_viewers, playable_at,
        ingest_node
    ON streams FOR EACH ROW EXECUTE FUNCTION streams_notify_change();
