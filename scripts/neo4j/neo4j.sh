#!/usr/bin/env bash
# Local Neo4j 5 Community (embedded, Bolt only, auth disabled) for dev and tests.
#
#   neo4j.sh install                       fetch jars from Maven Central, compile the launcher
#   neo4j.sh start [--port N] [--data DIR] start in the background, print the bolt:// URL
#   neo4j.sh stop | status
#
# Env: NEO4J_PORT (0 = free port), NEO4J_DATA_DIR (default storage/neo4j),
#      NEO4J_STATE_DIR (pid/url files, default storage), NEO4J_LOG_FILE (default
#      storage/logs/neo4j.log, or neo4j.log in NEO4J_STATE_DIR), NEO4J_START_TIMEOUT (s, default 120),
#      NEO4J_JAVA_OPTS (heap/GC/JIT flags, default below).
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$SCRIPT_DIR/../.." && pwd)
LIB_DIR=$SCRIPT_DIR/.lib
BUILD_DIR=$SCRIPT_DIR/.build
STATE_DIR=${NEO4J_STATE_DIR:-$ROOT/storage}
PID_FILE=$STATE_DIR/neo4j.pid
URL_FILE=$STATE_DIR/neo4j.url
# A separate state dir (e.g. a second instance) gets its own log, since start reads the
# READY line from the log.
if [[ -n "${NEO4J_STATE_DIR:-}" ]]; then
  LOG_FILE=${NEO4J_LOG_FILE:-$STATE_DIR/neo4j.log}
else
  LOG_FILE=${NEO4J_LOG_FILE:-$ROOT/storage/logs/neo4j.log}
fi
DATA_DIR=${NEO4J_DATA_DIR:-$ROOT/storage/neo4j}
PORT=${NEO4J_PORT:-0}
START_TIMEOUT=${NEO4J_START_TIMEOUT:-120}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
# C1-only JIT and SerialGC: on 2 cores this starts ~40% faster and runs short test suites
# (planning-heavy, little data) faster than the default C2/G1.
JAVA_OPTS=${NEO4J_JAVA_OPTS:--Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError}
# The --add-opens flags are the ones Neo4j's own launcher passes; without them the page
# cache and transaction logs fall back to slower code paths and log warnings.
JAVA_OPTS+=" --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED"
JAVA_OPTS+=" --add-opens=java.base/sun.nio.ch=ALL-UNNAMED"

die() { echo "neo4j.sh: $*" >&2; exit 1; }

hash_of() { cat "$@" | sha256sum | cut -d' ' -f1; }

# Serialise install/start/stop so parallel callers don't race on .lib or the pid file.
lock() {
  mkdir -p "$STATE_DIR"
  exec 9>"$STATE_DIR/neo4j.lock"
  flock 9
}

install() {
  command -v "$JAVA" >/dev/null || die "java not found (Java 17+ required)"
  local pom_hash build_hash
  pom_hash=$(hash_of "$SCRIPT_DIR/pom.xml")
  if [[ "$(cat "$LIB_DIR/.installed" 2>/dev/null)" != "$pom_hash" ]]; then
    command -v mvn >/dev/null || die "mvn not found"
    echo "neo4j.sh: downloading Neo4j jars into $LIB_DIR" >&2
    rm -rf "$LIB_DIR"
    mvn -q -B -Dstyle.color=never -f "$SCRIPT_DIR/pom.xml" dependency:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory="$LIB_DIR" >&2
    echo "$pom_hash" >"$LIB_DIR/.installed"
  fi
  build_hash=$(hash_of "$SCRIPT_DIR/pom.xml" "$SCRIPT_DIR/NexusNeo4j.java")
  if [[ "$(cat "$BUILD_DIR/.built" 2>/dev/null)" != "$build_hash" ]]; then
    rm -rf "$BUILD_DIR"
    mkdir -p "$BUILD_DIR"
    "${JAVA%java}javac" -nowarn -d "$BUILD_DIR" -cp "$LIB_DIR/*" "$SCRIPT_DIR/NexusNeo4j.java"
    echo "$build_hash" >"$BUILD_DIR/.built"
  fi
}

# Prints the pid if the pid file points at a live launcher process.
running_pid() {
  local pid
  pid=$(cat "$PID_FILE" 2>/dev/null) || return 1
  [[ -n "$pid" ]] && grep -qa NexusNeo4j "/proc/$pid/cmdline" 2>/dev/null || return 1
  echo "$pid"
}

start() {
  while [[ $# -gt 0 ]]; do
    case $1 in
      --port) PORT=${2:?--port needs a value}; shift 2 ;;
      --data) DATA_DIR=${2:?--data needs a value}; shift 2 ;;
      *) die "unknown start option: $1" ;;
    esac
  done
  [[ "$PORT" =~ ^[0-9]+$ ]] || die "invalid port: $PORT"
  DATA_DIR=$(realpath -m "$DATA_DIR")

  lock
  local pid
  if pid=$(running_pid); then
    echo "neo4j.sh: already running (pid $pid)" >&2
    cat "$URL_FILE"
    return 0
  fi
  rm -f "$PID_FILE" "$URL_FILE"
  install

  mkdir -p "$DATA_DIR" "$(dirname "$LOG_FILE")"
  local offset
  offset=$(stat -c %s "$LOG_FILE" 2>/dev/null || echo 0)
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of flags
  nohup "$JAVA" $JAVA_OPTS -cp "$BUILD_DIR:$LIB_DIR/*" NexusNeo4j --port "$PORT" --home "$DATA_DIR" \
    </dev/null >>"$LOG_FILE" 2>&1 9>&- &
  pid=$!
  echo "$pid" >"$PID_FILE"

  local deadline=$((SECONDS + START_TIMEOUT)) url=""
  while [[ -z "$url" ]]; do
    url=$(tail -c +"$((offset + 1))" "$LOG_FILE" | sed -n 's/^NEO4J_READY //p' | head -n1)
    [[ -n "$url" ]] && break
    if ! kill -0 "$pid" 2>/dev/null || ((SECONDS >= deadline)); then
      kill -KILL "$pid" 2>/dev/null || true
      rm -f "$PID_FILE"
      echo "neo4j.sh: Neo4j failed to start; last lines of $LOG_FILE:" >&2
      tail -c +"$((offset + 1))" "$LOG_FILE" | tail -n 40 >&2
      exit 1
    fi
    sleep 0.25
  done
  echo "$url" >"$URL_FILE"
  echo "$url"
}

stop() {
  lock
  local pid
  if pid=$(running_pid); then
    kill -TERM "$pid"
    for _ in $(seq 1 120); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.25
    done
    if kill -0 "$pid" 2>/dev/null; then
      echo "neo4j.sh: pid $pid did not stop in 30 s, killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
    echo "neo4j.sh: stopped (pid $pid)" >&2
  else
    echo "neo4j.sh: not running" >&2
  fi
  rm -f "$PID_FILE" "$URL_FILE"
}

status() {
  local pid
  if pid=$(running_pid); then
    echo "running pid=$pid url=$(cat "$URL_FILE" 2>/dev/null)"
  else
    echo "stopped"
    return 3
  fi
}

cmd=${1:-}
[[ $# -gt 0 ]] && shift
case $cmd in
  install) lock; install ;;
  start) start "$@" ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 {install|start [--port N] [--data DIR]|stop|status}" >&2; exit 2 ;;
esac
