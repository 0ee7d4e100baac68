#!/usr/bin/env bash
# Runs the test suites against real services: the machine's PostgreSQL and Redis,
# and a Neo4j 5 server started here from Maven Central's jars.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Browser tests drive Debian's Chromium.
if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "» installing Chromium (apt-get install chromium)" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

if [ -z "${NEO4J_URL:-}" ] && [ -x scripts/neo4j/neo4j.sh ]; then
  export NEO4J_STATE_DIR="$PWD/storage/neo4j-test"
  NEO4J_URL=$(bash scripts/neo4j/neo4j.sh start --data "$NEO4J_STATE_DIR/data")
  export NEO4J_URL
  trap 'bash scripts/neo4j/neo4j.sh stop >/dev/null 2>&1 || true' EXIT
fi

# Japa's summary, restated as the plain "N passed, N failed" line CI reads.
log=$(mktemp)
set +e
npm test -- "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
summary=$(sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '^ *Tests ' | tail -1)
passed=$(grep -oE '[0-9]+ passed' <<<"$summary" | grep -oE '[0-9]+' || echo 0)
failed=$(grep -oE '[0-9]+ failed' <<<"$summary" | grep -oE '[0-9]+' || echo 0)
rm -f "$log"
echo "tests: ${passed} passed, ${failed} failed"
exit "$status"
