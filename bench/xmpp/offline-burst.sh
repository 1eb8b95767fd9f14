#!/usr/bin/env bash
# Issue 10's durable-write benchmark: a sender's burst to an offline contact. After WARMUP bursts, SENDERS senders in turn (one
# at a time: the figure is per sender) each log in and write BURST chat messages to their own contact, who
# is not logged in, in one go, then a ping; the ping's result says the server has handled (committed) every
# message before it. The last sender's client kills the server's JVM with SIGKILL the moment that result
# arrives. The server is started again on the same data directory and every contact logs in: each must get
# its BURST messages once each, in order. Goal (issue 10): at least 2,000 messages/s per sender.
#
# Needs: a JDK 17 and the Maven wrapper (builds the all-in-one jar and bench/xmpp unless JAR is given).
# Binds 127.0.0.1 only; bounded in time.
#
# Usage: bench/xmpp/offline-burst.sh     (settings through the environment)
#   SENDERS=5 BURST=1000    senders (one after another) and messages per burst (offline storage keeps 1,000
#                           per account by default)
#   WARMUP=3                bursts before those, printed but not in the SUMMARY: a freshly started JVM runs
#                           the path interpreted until its JIT has compiled it
#   JAR=path/to/switchboard.jar   (default: built from this checkout)
#   SB_JAVA_OPTS=           extra JVM options of the server
#   SB_C2S=15222 SB_TLS=15223 SB_COMPONENT=15275 SB_API=18080 SB_HTTPS=15443 SB_PROXY=17777   loopback ports
#                           (checked free first)
set -euo pipefail

SENDERS=${SENDERS:-5}
WARMUP=${WARMUP:-3}
BURST=${BURST:-1000}
DOMAIN=bench.test
PASSWORD=bench-password-1
ADMIN_PASSWORD=bench-admin-password-1
SB_C2S=${SB_C2S:-15222}
SB_TLS=${SB_TLS:-15223}
SB_COMPONENT=${SB_COMPONENT:-15275}
SB_API=${SB_API:-18080}
SB_HTTPS=${SB_HTTPS:-15443}
SB_PROXY=${SB_PROXY:-17777}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK=$(mktemp -d /tmp/offline-burst.XXXXXX)
SB_PID=

log() { echo "[$(date +%H:%M:%S)] $*"; }
cleanup() { [ -n "$SB_PID" ] && kill "$SB_PID" 2>/dev/null && wait "$SB_PID" 2>/dev/null; true; }
trap cleanup EXIT

for port in $SB_C2S $SB_TLS $SB_COMPONENT $SB_API $SB_HTTPS $SB_PROXY; do
  if ss -ltn | grep -qE "[:.]$port "; then echo "port $port is taken; move it (SB_C2S, SB_TLS, SB_COMPONENT, SB_API, SB_HTTPS, SB_PROXY)" >&2; exit 1; fi
done

if [ -z "${JAR:-}" ]; then
  (cd "$ROOT" && ./mvnw -B -ntp -q -pl app -am package -DskipTests)
  JAR=$ROOT/app/target/switchboard.jar
fi
(cd "$HERE" && "$ROOT/mvnw" -B -ntp -q package) # the load client, a project of its own (as for run.sh)
cp "$JAR" "$WORK/switchboard.jar"
cp "$HERE/target/xmpp-bench.jar" "$WORK/xmpp-bench.jar"
log "server jar $JAR of $(date -r "$WORK/switchboard.jar" '+%F %T'), checkout $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet || echo '+uncommitted'); work directory $WORK"

bench() { local mode=$1; shift; java -Xmx512m -jar "$WORK/xmpp-bench.jar" "$mode" --domain "$DOMAIN" --password "$PASSWORD" --port "$SB_C2S" "$@"; }

wait_port() {
  for _ in $(seq 180); do
    ss -ltn | grep -qE "127.0.0.1\]?:$1 " && return 0
    kill -0 "$SB_PID" 2>/dev/null || break
    sleep 1
  done
  echo "nothing listens on $1" >&2; return 1
}

# Everything at its default but the loopback binds and ports, the admin account, and the limits on
# unauthenticated connections and API logins per address (everything comes from 127.0.0.1). The client input
# rate stays at its default (a 1,000-message burst of ~110 bytes each fits in its 256 KiB allowance), and so
# do STARTTLS and the database's durability (fsync, synchronous_commit).
start_server() {
  SWITCHBOARD_DATA_DIR="$WORK/data" SWITCHBOARD_DOMAIN=$DOMAIN SWITCHBOARD_ROLES=xmpp \
  SWITCHBOARD_API_PORT=$SB_API SWITCHBOARD_API_BIND_ADDRESS=127.0.0.1 SWITCHBOARD_XMPP_BIND=127.0.0.1 \
  SWITCHBOARD_XMPP_C2S_PORT=$SB_C2S SWITCHBOARD_XMPP_TLS_PORT=$SB_TLS SWITCHBOARD_XMPP_COMPONENT_PORT=$SB_COMPONENT \
  SWITCHBOARD_HTTPS_PORT=$SB_HTTPS SWITCHBOARD_PROXY65_PORT=$SB_PROXY \
  SWITCHBOARD_ADMIN_USER=admin SWITCHBOARD_ADMIN_PASSWORD=$ADMIN_PASSWORD \
  SWITCHBOARD_XMPP_MAX_UNAUTHENTICATED_PER_ADDRESS=100000 SWITCHBOARD_API_LOGIN_RATE=1000 \
    java ${SB_JAVA_OPTS:-} -jar "$WORK/switchboard.jar" >>"$WORK/server-$1.log" 2>&1 &
  SB_PID=$!
  wait_port "$SB_C2S"
  wait_port "$SB_API"
  # the first admin account is made once the application has started, a moment after the ports open
  for _ in $(seq 120); do grep -q 'first admin account\|Started SwitchboardApplication' "$WORK/server-$1.log" && break; sleep 1; done
  sleep 1
  log "server up ($1), pid $SB_PID; load average $(uptime | sed 's/.*load average: //')"
}

start_server first
bench accounts-rest --api "http://127.0.0.1:$SB_API" --admin-password "$ADMIN_PASSWORD" --clients $((2 * (WARMUP + SENDERS))) --threads 2
bench offline-burst --clients $((WARMUP + SENDERS)) --warmup "$WARMUP" --burst "$BURST" --kill-pid "$SB_PID" | tee "$WORK/burst.txt"
wait "$SB_PID" 2>/dev/null || true
SB_PID=
log "server killed (SIGKILL) right after the last burst's ping result"
start_server after-kill
status=0
bench offline-check --clients $((WARMUP + SENDERS)) --burst "$BURST" | tee "$WORK/check.txt" || status=$?
awk '/^BURST.*warmup=false/ { split($0, f, "messages_per_s="); split(f[2], r, " "); n++; s += r[1]; if (min == "" || r[1] < min) min = r[1] }
     END { if (n) printf "SUMMARY bursts=%d mean_messages_per_s=%.0f min_messages_per_s=%.0f\n", n, s / n, min }' "$WORK/burst.txt"
exit $status
