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

# shellcheck source=bench_streams.sh
. "$root/tests/bench/bench_streams.sh"
make_bench_streams bench "$count" >"$keys"
psql "$NOVA_DATABASE_URL" -qAt -c "ANALYZE streams" >/dev/null # the table just grew: fresh statistics for the plans
echo "hook_pairs: $(wc -l <"$keys") streams, $connections connections, $seconds s" >&2
QT_NO_GLIB=1 "${NOVA_BUILD_DIR:-$root/build}/bench/hook_pairs" --api "$NOVA_API_URL" --keys "$keys" \
    --connections "$connections" --seconds "$seconds"
drop_bench_streams bench
