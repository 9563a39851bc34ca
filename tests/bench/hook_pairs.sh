#!/usr/bin/env bash
# Hooks benchmark: publish + publish_done pairs per second against nova-server on the local stack.
#   ./tests/bench/hook_pairs.sh [connections] [seconds]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck disable=SC1091
. "$root/.nova/env"
connections=${1:-32}
seconds=${2:-10}
count=$((seconds * 5000)) # more keys than the server can use up
keys=$(mktemp)
trap 'rm -f "$keys"' EXIT

# Streams made straight in the database (the API would be the bottleneck here), with keys of the
# real format: nvk_<16 hex>_<43 base64url>, the verifier's SHA-256 stored.
psql "$NOVA_DATABASE_URL" -qAt -v ON_ERROR_STOP=1 >"$keys" <<SQL
WITH made AS (
    SELECT substr(md5(random()::text), 1, 16) AS selector,
           substr(md5(random()::text) || md5(random()::text), 1, 43) AS verifier
    FROM generate_series(1, $count)
), inserted AS (
    INSERT INTO streams (id, title, key_selector, key_hash)
    SELECT gen_random_uuid(), 'bench', selector, encode(sha256(convert_to(verifier, 'UTF8')), 'hex')
    FROM made
    RETURNING key_selector
)
SELECT 'nvk_' || m.selector || '_' || m.verifier FROM made m JOIN inserted i ON i.key_selector = m.selector;
SQL
psql "$NOVA_DATABASE_URL" -qAt -c "ANALYZE streams" >/dev/null # the table just grew: fresh statistics for the plans
echo "hook_pairs: $(wc -l <"$keys") streams, $connections connections, $seconds s" >&2
QT_NO_GLIB=1 "${NOVA_BUILD_DIR:-$root/build}/bench/hook_pairs" --api "$NOVA_API_URL" --keys "$keys" \
    --connections "$connections" --seconds "$seconds"
psql "$NOVA_DATABASE_URL" -qAt -c "DELETE FROM streams WHERE title = 'bench'" >/dev/null
