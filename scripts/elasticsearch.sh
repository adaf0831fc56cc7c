#!/usr/bin/env bash
# A local Elasticsearch for `SEARCH_BACKEND=elasticsearch` (tests, CI, development): Elasticsearch's own minimal
# distribution for integration tests, fetched from Maven Central with `mvn`, unpacked under var/, started on
# 127.0.0.1 with a small heap and security off, and waited for until healthy. Idempotent: an Elasticsearch that
# already answers on the port is reused. Prints the URL on the last line.
#
#   scripts/elasticsearch.sh          start (or reuse) and print the URL
#   scripts/elasticsearch.sh stop     stop the one this script started
#
# ES_VERSION (default below), ES_PORT (9200), ES_JAVA_HOME (a Java 21+ runtime; found automatically).
set -euo pipefail
cd "$(dirname "$0")/.."

# The newest Elasticsearch 9 published as `integ-test-zip` on Maven Central (its metadata lists only 8.x, so
# the version is named here); Wagtail's elasticsearch9 backend and the `elasticsearch` 9 client talk to it.
ES_VERSION="${ES_VERSION:-9.5.4}"
ES_PORT="${ES_PORT:-9200}"
ARTIFACT="org.elasticsearch.distribution.integ-test-zip:elasticsearch:${ES_VERSION}:zip"
DIR="$PWD/var/elasticsearch"
HOME_DIR="$DIR/elasticsearch-$ES_VERSION"
PIDFILE="$DIR/elasticsearch.pid"
URL="http://127.0.0.1:$ES_PORT"
# Elasticsearch refuses to run as root: as root, it runs as this system user.
RUN_USER="meritopedia-search"

say() { echo "elasticsearch: $*" >&2; }
healthy() { curl -fsS -m 3 "$URL/_cluster/health?wait_for_status=yellow&timeout=2s" >/dev/null 2>&1; }

if [ "${1:-}" = stop ]; then
    if [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
        kill "$(cat "$PIDFILE")"
        say "stopped (pid $(cat "$PIDFILE"))"
    fi
    exit 0
fi

if healthy; then
    say "already running at $URL"
    echo "$URL"
    exit 0
fi

java_major() { "$1" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1; }
find_java() {
    local candidate
    for candidate in "${ES_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/*; do
        [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
        if [ "$(java_major "$candidate/bin/java")" -ge 21 ] 2>/dev/null; then
            echo "$candidate"
            return 0
        fi
    done
    return 1
}
JAVA_DIR="$(find_java)" || { say "needs a Java 21+ runtime (set ES_JAVA_HOME)"; exit 1; }

if [ ! -x "$HOME_DIR/bin/elasticsearch" ]; then
    command -v mvn >/dev/null || { say "needs Maven (mvn) to fetch $ARTIFACT"; exit 1; }
    mkdir -p "$DIR"
    say "fetching $ARTIFACT"
    mvn -q dependency:copy -Dartifact="$ARTIFACT" -DoutputDirectory="$DIR" >&2
    unzip -q -o "$DIR/elasticsearch-$ES_VERSION.zip" -d "$DIR"
    rm -f "$DIR/elasticsearch-$ES_VERSION.zip"
fi

mkdir -p "$DIR/data" "$DIR/logs"
run_as=()
if [ "$(id -u)" -eq 0 ]; then
    id "$RUN_USER" >/dev/null 2>&1 ||
        useradd --system --no-create-home --shell /usr/sbin/nologin "$RUN_USER"
    chown -R "$RUN_USER:" "$DIR"
    run_as=(runuser -u "$RUN_USER" --)
fi

say "starting $ES_VERSION on $URL (Java: $JAVA_DIR)"
rm -f "$PIDFILE"
"${run_as[@]}" env ES_JAVA_HOME="$JAVA_DIR" ES_JAVA_OPTS="-Xms512m -Xmx512m" \
    "$HOME_DIR/bin/elasticsearch" -d -p "$PIDFILE" -s \
    -E "http.port=$ES_PORT" -E network.host=127.0.0.1 -E discovery.type=single-node \
    -E xpack.security.enabled=false \
    -E "path.data=$DIR/data" -E "path.logs=$DIR/logs" \
    -E cluster.routing.allocation.disk.threshold_enabled=false >"$DIR/logs/start.log" 2>&1 ||
    { cat "$DIR/logs/start.log" >&2; exit 1; }

for _ in $(seq 1 90); do
    if healthy; then
        say "healthy"
        echo "$URL"
        exit 0
    fi
    sleep 1
done
say "did not become healthy; see $DIR/logs/"
exit 1
