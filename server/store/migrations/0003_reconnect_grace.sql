-- A stream whose publisher is gone waits in RECONNECTING for the same key to come back; the grace
-- counts from interrupted_at (the publisher's last sign of life).

ALTER TABLE streams DROP CONSTRAINT streams_status_check;
ALTER TABLE streams ADD CONSTRAINT streams_status_check
    CHECK (status IN ('PENDING', 'ACTIVE', 'RECONNECTING', 'COMPLETED', 'FAILED'));
ALTER TABLE streams
    ADD COLUMN interrupted_at timestamptz,
    ADD CONSTRAINT streams_interrupted_check
        CHECK ((status = 'RECONNECTING') = (interrupted_at IS NOT NULL));

-- Every replica looks for expired graces every second: only the few waiting rows are indexed.
CREATE INDEX streams_reconnecting_idx ON streams (interrupted_at) WHERE status = 'RECONNECTING';
