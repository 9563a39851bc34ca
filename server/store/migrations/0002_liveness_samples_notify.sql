-- What the ingest side last reported of a live stream, the history of live streams, and a
-- notification of every committed change of a stream for the replicas' caches.

ALTER TABLE streams
    ADD COLUMN last_seen_at timestamptz,
    ADD COLUMN revision bigint NOT NULL DEFAULT 0;

-- Samples taken while a stream is live, one per stream per sampling slot (every replica may take
-- the same sample: the first one wins).
CREATE TABLE stream_samples (
    stream_id    uuid        NOT NULL REFERENCES streams (id) ON DELETE CASCADE,
    sampled_at   timestamptz NOT NULL,
    viewers      integer     NOT NULL CHECK (viewers >= 0),
    bitrate_kbps real        NOT NULL CHECK (bitrate_kbps >= 0),
    fps          real        NOT NULL CHECK (fps >= 0),
    PRIMARY KEY (stream_id, sampled_at)
);
CREATE INDEX stream_samples_time_idx ON stream_samples (sampled_at);

-- Every change of what the API shows gets a new revision, so that a cache can tell newer from older.
CREATE FUNCTION streams_next_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.revision := OLD.revision + 1;
    RETURN NEW;
END
$$;
CREATE TRIGGER streams_revision BEFORE UPDATE OF title, status, started_at, ended_at, peak_viewers
    ON streams FOR EACH ROW EXECUTE FUNCTION streams_next_revision();

-- Sent on commit, in commit order; never carries key material.
CREATE FUNCTION streams_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('nova_stream_changes', json_build_object(
        'id', NEW.id,
        'title', NEW.title,
        'status', NEW.status,
        'created_at_ms', floor(extract(epoch FROM NEW.created_at) * 1000)::bigint,
        'started_at_ms', floor(extract(epoch FROM NEW.started_at) * 1000)::bigint,
        'ended_at_ms', floor(extract(epoch FROM NEW.ended_at) * 1000)::bigint,
        'peak_viewers', NEW.peak_viewers,
        'revision', NEW.revision)::text);
    RETURN NULL;
END
$$;
CREATE TRIGGER streams_notify AFTER INSERT OR UPDATE OF title, status, started_at, ended_at, peak_viewers
    ON streams FOR EACH ROW EXECUTE FUNCTION streams_notify_change();
