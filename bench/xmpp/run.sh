#!/usr/bin/env bash
# Message throughput, delivery latency and memory per idle connection of Switchboard's XMPP server against
# ejabberd 23.01 (Debian package), both on 127.0.0.1, driven by the same load client (bench/xmpp, this folder):
# STARTTLS, SCRAM-SHA-1, resource binding, initial presence, then chat messages between paired clients.
#
# Needs: a JDK 17, Maven, the all-in-one jar (./mvnw -B -ntp -DskipTests package, or
# mvn -B -ntp -o -pl app -am package -DskipTests), the ejabberd package (apt-get install ejabberd) and root
# (ejabberdctl switches to the ejabberd user). Nothing listens beyond 127.0.0.1; every run is bounded in time.
#
# Usage: bench/xmpp/run.sh            (settings through the environment, defaults below)
#   LOADS="100 500"  clients of each messaging run     IDLE=1000     idle authenticated clients
#   DURATION=30      measured seconds per run           WARMUP=5      seconds before measuring
#   WINDOW=4         unanswered messages per sender     TARGETS="switchboard ejabberd"
#   JAR=path/to/switchboard.jar (default app/target/switchboard.jar)
set -euo pipefail

LOADS=${LOADS:-"100 500"}
IDLE=${IDLE:-1000}
DURATION=${DURATION:-30}
WARMUP=${WARMUP:-5}
WINDOW=${WINDOW:-4}
TARGETS=${TARGETS:-"switchboard ejabberd"}
JAR=${JAR:-}   # the all-in-one jar; default app/target/switchboard.jar of this checkout
DOMAIN=bench.test
PASSWORD=bench-password-1
ADMIN_PASSWORD=bench-admin-password-1
SB_C2S=15222
EJ_C2S=25222
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK=$(mktemp -d /tmp/xmpp-bench.XXXXXX)
chmod 755 "$WORK" # the ejabberd user must reach its directory below
SB_PID=
EJ_STARTED=
IDLE_CLIENT=
EPMD_BEFORE=$(pgrep -x epmd || true)

log() { echo "[$(date +%H:%M:%S)] $*"; }

cleanup() {
  [ -n "$IDLE_CLIENT" ] && { kill "$IDLE_CLIENT" 2>/dev/null || true; }
  [ -n "$SB_PID" ] && kill "$SB_PID" 2>/dev/null && wait "$SB_PID" 2>/dev/null
  [ -n "$EJ_STARTED" ] && ejctl stop >/dev/null 2>&1 && ejctl stopped >/dev/null 2>&1
  # epmd comes with the first Erlang node; stop it only if this script brought it
  if [ -z "$EPMD_BEFORE" ]; then for p in $(pgrep -x epmd || true); do kill "$p" 2>/dev/null; done; fi
  true
}
trap cleanup EXIT

# Every idle connection is a descriptor in the client and one in the server.
ulimit -n "$(ulimit -Hn)"
[ "$(ulimit -n)" -gt $((IDLE + 1000)) ] || { echo "ulimit -n $(ulimit -n) is too low for IDLE=$IDLE" >&2; exit 1; }

accounts=$IDLE
for n in $LOADS; do [ "$n" -gt "$accounts" ] && accounts=$n; done

(cd "$HERE" && mvn -B -ntp -o -q package)
# Small stacks: the load client runs two threads per messaging client.
bench() {
  local mode=$1; shift
  java -Xss256k -Xmx1g -jar "$HERE/target/xmpp-bench.jar" "$mode" --domain "$DOMAIN" --password "$PASSWORD" "$@"
}

rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }

wait_port() {
  for _ in $(seq 120); do ss -ltn | grep -qE "127.0.0.1\]?:$1 " && return 0; sleep 1; done
  echo "nothing listens on $1" >&2; return 1
}

# One messaging run per client count; the RESULT lines are what docs/xmpp-benchmark.md tabulates.
loads() {
  local name=$1 port=$2
  for n in $LOADS; do
    log "$name: $n clients, window $WINDOW, ${WARMUP}+${DURATION}s; load: $(uptime | sed 's/.*load average/load average/')"
    bench load --port "$port" --clients "$n" --window "$WINDOW" --warmup "$WARMUP" --seconds "$DURATION" \
      | sed "s/^RESULT/RESULT server=$name/"
  done
}

# Logs in IDLE clients and compares the server's memory with the figures taken just before. $2 prints
# "<heap KiB> <RSS KiB>": heap after a full GC for the JVM, "-" for ejabberd, which has no comparable figure.
idle() {
  local name=$1 measure=$2 port=$3 before after release="$WORK/release-$1"
  sleep 5
  before=$($measure)
  [ "$name" = switchboard ] && jcmd "$SB_PID" GC.class_histogram >"$WORK/histogram-before.txt"
  bench idle --port "$port" --clients "$IDLE" --hold-file "$release" --max-hold 600 >"$WORK/idle-$name.log" 2>&1 &
  local client=$!
  IDLE_CLIENT=$client
  for _ in $(seq 600); do
    grep -q '^READY' "$WORK/idle-$name.log" && break
    kill -0 $client 2>/dev/null || break
    sleep 1
  done
  grep -q '^READY' "$WORK/idle-$name.log" || { cat "$WORK/idle-$name.log" >&2; return 1; }
  grep '^logged in' "$WORK/idle-$name.log"
  sleep 5 # let the last sessions settle (presence, offline check)
  after=$($measure)
  if [ "$name" = switchboard ]; then
    jcmd "$SB_PID" GC.class_histogram >"$WORK/histogram-after.txt"
    # What the idle sessions added, by class: bytes and instances after minus before, the 15 largest.
    awk 'FNR == NR && $1 ~ /:$/ {b[$4] = $3; i[$4] = $2; next}
         $1 ~ /:$/ {printf "%10d bytes %8d instances  %s\n", $3 - b[$4], $2 - i[$4], $4}' \
      "$WORK/histogram-before.txt" "$WORK/histogram-after.txt" | sort -rn | awk 'NR <= 15' | tee "$WORK/histogram-idle-delta.txt"
    jcmd "$SB_PID" Thread.print | grep -c '^"' | sed 's/^/threads with idle clients: /'
  fi
  touch "$release"
  wait $client || true
  IDLE_CLIENT=
  echo "$before $after" | awk -v n="$IDLE" -v s="$name" '{
    heap = ($1 == "-") ? "-" : int(($3 - $1) * 1024 / n)
    printf "RESULT server=%s idle_clients=%d heap_kib=%s->%s rss_kib=%s->%s heap_bytes_per_conn=%s rss_bytes_per_conn=%d\n",
      s, n, $1, $3, $2, $4, heap, ($4 - $2) * 1024 / n }'
}

sb_heap_kib() {
  jcmd "$SB_PID" GC.run >/dev/null; sleep 1; jcmd "$SB_PID" GC.run >/dev/null
  jcmd "$SB_PID" GC.heap_info | sed -n 's/.*heap *total [0-9]*K, used \([0-9]*\)K.*/\1/p' | head -n 1
}
sb_memory() { echo "$(sb_heap_kib) $(rss_kib "$SB_PID")"; }

switchboard() {
  cp "${JAR:-$ROOT/app/target/switchboard.jar}" "$WORK/switchboard.jar" # a rebuild elsewhere cannot swap it mid-run
  log "switchboard: ${JAR:-$ROOT/app/target/switchboard.jar} of $(date -r "$WORK/switchboard.jar" '+%F %T'), checkout at $(git -C "$ROOT" rev-parse --short HEAD)"
  # The limits raised: unauthenticated connections per address (default 20) and API logins per minute
  # (default 30); all clients come from 127.0.0.1. The client input rate is off, as ejabberd's c2s shaper is
  # (ejabberd.yml.in). Everything else is the default, STARTTLS required included.
  SWITCHBOARD_DATA_DIR="$WORK/switchboard-data" SWITCHBOARD_DOMAIN=$DOMAIN SWITCHBOARD_ROLES=xmpp \
  SWITCHBOARD_API_PORT=18080 SWITCHBOARD_API_BIND_ADDRESS=127.0.0.1 SWITCHBOARD_XMPP_BIND=127.0.0.1 \
  SWITCHBOARD_XMPP_C2S_PORT=$SB_C2S SWITCHBOARD_XMPP_TLS_PORT=15223 SWITCHBOARD_XMPP_COMPONENT_PORT=15275 \
  SWITCHBOARD_TURN_PORT=13478 SWITCHBOARD_TURN_TLS_PORT=15349 \
  SWITCHBOARD_ADMIN_USER=admin SWITCHBOARD_ADMIN_PASSWORD=$ADMIN_PASSWORD \
  SWITCHBOARD_XMPP_MAX_UNAUTHENTICATED_PER_ADDRESS=100000 SWITCHBOARD_API_LOGIN_RATE=1000 \
  SWITCHBOARD_XMPP_CLIENT_RATE_BYTES=0 \
    java -jar "$WORK/switchboard.jar" >"$WORK/switchboard.log" 2>&1 &
  SB_PID=$!
  wait_port $SB_C2S
  wait_port 18080
  bench accounts-rest --api http://127.0.0.1:18080 --admin-password "$ADMIN_PASSWORD" --clients "$accounts" --threads 2
  # Idle first, on a fresh server: memory freed by a load run would otherwise be reused by the idle sessions
  # and hide part of their cost (this matters for ejabberd's RSS; it is kept the same for both).
  idle switchboard sb_memory $SB_C2S
  loads switchboard $SB_C2S
  kill "$SB_PID"; wait "$SB_PID" 2>/dev/null || true; SB_PID=
}

# As the ejabberd user ourselves, because ejabberdctl's own su would leave it at that user's 1024 descriptors
# (Debian's systemd unit gives it 65536); here it gets the same limit as Switchboard and the client.
ejctl() {
  su -s /bin/sh -c 'ulimit -n "$0" && cd "$1" && shift && exec ejabberdctl "$@"' ejabberd -- "$(ulimit -n)" \
    "$WORK/ejabberd/spool" --config-dir "$WORK/ejabberd" --spool "$WORK/ejabberd/spool" \
    --logs "$WORK/ejabberd/logs" "$@"
}
ej_memory() { echo "- $(rss_kib "$(cat "$WORK/ejabberd/ejabberd.pid")")"; }

ejabberd() {
  log "ejabberd: $(dpkg-query -W -f='${Version}' ejabberd) (Debian package), Erlang/OTP $(erl -noshell -eval 'io:format("~s", [erlang:system_info(otp_release)]), halt().')"
  local dir="$WORK/ejabberd"
  mkdir -p "$dir/spool" "$dir/logs"
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=$DOMAIN" -addext "subjectAltName=DNS:$DOMAIN" \
    -keyout "$dir/key.pem" -out "$dir/cert.pem" 2>/dev/null # RSA 2048 like Switchboard's self-signed one
  cat "$dir/cert.pem" "$dir/key.pem" >"$dir/bench.test.pem"
  sed -e "s|@CERTFILE@|$dir/bench.test.pem|" -e "s|@C2S_PORT@|$EJ_C2S|" "$HERE/ejabberd.yml.in" >"$dir/ejabberd.yml"
  # Its own node name, epmd and distribution on loopback, so the Debian service (stopped) is never touched.
  cat >"$dir/ejabberdctl.cfg" <<CFG
ERLANG_NODE=xmppbench@localhost
ERL_EPMD_ADDRESS=127.0.0.1
INET_DIST_INTERFACE=127.0.0.1
EJABBERD_PID_PATH=$dir/ejabberd.pid
EJABBERD_BYPASS_WARNINGS=true
ERL_OPTIONS="-env ERL_CRASH_DUMP_BYTES 0"
CFG
  : >"$dir/inetrc" # ejabberdctl points Erlang's resolver configuration here; the defaults are fine
  chown -R ejabberd:ejabberd "$dir"
  ejctl start
  EJ_STARTED=1
  ejctl started
  wait_port $EJ_C2S
  echo "ejabberd descriptor limit: $(awk '/open files/ {print $4}' "/proc/$(cat "$WORK/ejabberd/ejabberd.pid")/limits")"
  bench accounts-ibr --port $EJ_C2S --clients "$accounts" --threads 2
  idle ejabberd ej_memory $EJ_C2S
  loads ejabberd $EJ_C2S
  ejctl stop >/dev/null; ejctl stopped >/dev/null || true; EJ_STARTED=
}

log "machine: $(nproc) cores, $(free -m | awk '/^Mem/ {print $2}') MiB, $(uname -r); java $(java -version 2>&1 | head -n 1)"
log "work directory $WORK"
for target in $TARGETS; do "$target"; done
log "done; logs in $WORK"
