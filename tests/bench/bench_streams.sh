# Sourced by the hook benchmarks: streams made straight in the database (the API would be the
# bottleneck), with keys of the real format: nvk_<16 hex>_<43 base64url>, the verifier's SHA-256
# stored. Needs NOVA_DATABASE_URL (from .nova/env).

# make_bench_streams TITLE COUNT: inserts COUNT streams titled TITLE, prints one key a line.
make_bench_streams() {
    psql "$NOVA_DATABASE_URL" -qAt -v ON_ERROR_STOP=1 <<SQL
WITH made AS (
    SELECT substr(md5(random()::text), 1, 16) AS selector,
           substr(md5(random()::text) || md5(random()::text), 1, 43) AS verifier
    FROM generate_series(1, $2)
), inserted AS (
    INSERT INTO streams (id, title, key_selector, key_hash, owner)
    SELECT gen_random_uuid(), '$1', selector, encode(sha256(convert_to(verifier, 'UTF8')), 'hex'),
           '00000000-0000-0000-0000-000000000001' -- the bootstrap operator's
    FROM made
    RETURNING key_selector
)
SELECT 'nvk_' || m.selector || '_' || m.verifier FROM made m JOIN inserted i ON i.key_selector = m.selector;
SQL
}

# drop_bench_streams TITLE: removes them again.
drop_bench_streams() {
    psql "$NOVA_DATABASE_URL" -qAt -c "DELETE FROM streams WHERE title = '$1'" >/dev/null
}
