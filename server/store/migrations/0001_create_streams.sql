-- Streams and their lifecycle. The stream key is never stored: only a public selector (to find
-- the row) and the SHA-256 of the secret verifier (compared in constant time).
CREATE TABLE streams (
    id               uuid        PRIMARY KEY,
    title            text        NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
    status           text        NOT NULL DEFAULT 'PENDING'
                                 CHECK (status IN ('PENDING', 'ACTIVE', 'COMPLETED', 'FAILED')),
    key_selector     text        NOT NULL UNIQUE,
    key_hash         text        NOT NULL,
    publisher_client text,
    publisher_addr   text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    started_at       timestamptz,
    ended_at         timestamptz,
    peak_viewers     integer     NOT NULL DEFAULT 0 CHECK (peak_viewers >= 0)
);

-- Listing is newest first, optionally by status, paged by (created_at, id).
CREATE INDEX streams_created_idx ON streams (created_at DESC, id DESC);
CREATE INDEX streams_status_created_idx ON streams (status, created_at DESC, id DESC);
