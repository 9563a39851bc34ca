-- Who may do what: accounts with a role, each person's tokens, the owner of every stream, and an
-- audit trail of every change made with a token. Tokens are stored as stream keys are: a public
-- selector and the SHA-256 of the secret verifier.

CREATE TABLE accounts (
    id         uuid        PRIMARY KEY,
    name       text        NOT NULL UNIQUE CHECK (name ~ '^[a-z0-9][a-z0-9._-]{0,62}$'),
    role       text        NOT NULL CHECK (role IN ('operator', 'streamer')),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- The bootstrap operator, whom NOVA_ADMIN_TOKEN speaks for.
INSERT INTO accounts (id, name, role)
    VALUES ('00000000-0000-0000-0000-000000000001', 'admin', 'operator');

CREATE TABLE account_tokens (
    id            uuid        PRIMARY KEY,
    account_id    uuid        NOT NULL REFERENCES accounts (id),
    label         text        NOT NULL CHECK (char_length(label) BETWEEN 1 AND 100),
    selector      text        NOT NULL UNIQUE,
    verifier_hash text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_used_at  timestamptz,
    revoked_at    timestamptz
);
CREATE INDEX account_tokens_account_idx ON account_tokens (account_id, created_at DESC);

-- Streams made before accounts existed were made with the bootstrap token.
ALTER TABLE streams ADD COLUMN owner uuid NOT NULL
    DEFAULT '00000000-0000-0000-0000-000000000001' REFERENCES accounts (id);
ALTER TABLE streams ALTER COLUMN owner DROP DEFAULT;
CREATE INDEX streams_owner_created_idx ON streams (owner, created_at DESC, id DESC);

-- One row per change made with a token, written in the change's own transaction. Never a secret.
CREATE TABLE audit_log (
    id            bigserial   PRIMARY KEY,
    at            timestamptz NOT NULL DEFAULT clock_timestamp(),
    actor_account uuid        NOT NULL REFERENCES accounts (id),
    actor_token   uuid        REFERENCES account_tokens (id), -- NULL: the bootstrap token
    action        text        NOT NULL,
    target        text        NOT NULL,
    address       text        NOT NULL
);

-- The stream notification carries the owner too (the replicas' caches build streams from it).
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
        'peak_viewers', NEW.peak_viewers,
        'revision', NEW.revision)::text);
    RETURN NULL;
END
$$;

-- Every replica learns of a new token and of a revocation on commit, so that it checks tokens
-- from memory and refuses a revoked one at once. The verifier's hash is what the table holds
-- anyway; the secret itself is nowhere.
CREATE FUNCTION account_tokens_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('nova_token_changes', json_build_object(
        'id', NEW.id,
        'selector', NEW.selector,
        'verifier_hash', NEW.verifier_hash,
        'label', NEW.label,
        'account_id', a.id,
        'account_name', a.name,
        'role', a.role,
        'revoked', NEW.revoked_at IS NOT NULL)::text)
    FROM accounts a WHERE a.id = NEW.account_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER account_tokens_notify AFTER INSERT OR UPDATE OF revoked_at ON account_tokens
    FOR EACH ROW EXECUTE FUNCTION account_tokens_notify();
