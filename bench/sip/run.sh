#!/usr/bin/env bash
# SIP registrar and proxy throughput (issue 14): authenticated REGISTER/s and calls/s at zero failures,
# Switchboard's sip-gateway (all-in-one jar, role sip, its embedded PostgreSQL with fsync on) side by side with
# Kamailio 5.6 (Debian) doing the same work (kamailio.cfg.in), both driven by the same sipp scenarios
# (register.xml, call.xml) on loopback UDP, one after the other, in one run.
#
# Needs: a JDK 17, the Maven wrapper, sipp (Debian sip-tester), kamailio (Debian), curl, md5sum. Builds the
# all-in-one jar unless JAR is given. Everything binds 127.0.0.1; every sipp run is bounded in count and time.
#
# Usage: bench/sip/run.sh            (settings through the environment, defaults below)
#   USERS=200          accounts (the same on both servers); REGISTERs and calls cycle through them
#   REG_RATES="500 1000 2000 5000"   REGISTERs offered per second, one step each, lowest first (each is
#                      REGISTER, 401, REGISTER with credentials, 200); the steps stop at the first with failures
#   REG_SECONDS=10     seconds of each REGISTER step
#   CALL_RATES="100 200 500"   calls offered per second, the same way (INVITE, 407, ACK, INVITE with
#                      credentials, 180, 200, ACK, 100 ms, BYE, 200; the callee is a sipp UAS registered as 'callee')
#   CALL_SECONDS=10    seconds of each call step
# Prints a RESULT line per step and a BEST line per server and test: the highest throughput of a step with
# zero failures. Each RESULT also gives cpu_ms_each, the CPU time the server (Switchboard: the JVM and its
# PostgreSQL) spent per successful REGISTER or call, which other load on the machine does not change much, and
# db_ms_each, PostgreSQL's part of it (0 for Kamailio in memory; its own for kamailio-pg), and
# udp_drops, the datagrams the kernel dropped in the step because the server's UDP socket buffer was full.
#   WARMUP=60          seconds of each test at its lowest rate before it is measured (the JVM compiles its
#                      hot paths: after 20 s the JIT still spent a third of a core compiling the call path;
#                      Kamailio gets the same)
#   KAMAILIO_CHILDREN=4  Kamailio's UDP worker processes (the machine has 2 cores; 16 carried no more, with or
#                      without PostgreSQL)
#   KAMAILIO_SHM_MB=1024 Kamailio's shared memory (its transactions live there: with 256 MiB it ran out at 1,800
#                      calls a second and failed half of them; the JVM's default heap here is about 6 GiB)
#   SERVERS="switchboard kamailio"   which to run; also "kamailio-pg": Kamailio doing the durable work Switchboard
#                      does (registrations written through to PostgreSQL before the 200, accounting rows per call;
#                      kamailio.cfg.in with WITH_PG) on a PostgreSQL of its own with Switchboard's durability
#                      settings (bench/pg-cluster.sh; needs kamailio-postgres-modules; PG_BIN picks the PostgreSQL
#                      binaries); and "stack": JAIN-SIP alone, configured as the gateway's and
#                      answering REGISTERs from memory (sip-gateway's StackOnlyRegistrar test class: no account,
#                      no password check, no database), the ceiling the stack itself sets; REGISTER test only
#                      (it reads the same SWITCHBOARD_SIP_* settings as the gateway, SWITCHBOARD_SIP_THREADS included)
#   TESTS="register call"            which tests to run (the callee is registered for calls either way)
#   JAR=path/to/switchboard.jar
#   SIPP_TRACE=1       every sipp (callers and the callee) also writes each message it sends and receives
#                      (-trace_msg, <name>_messages.log in the work directory): to follow failed calls
set -euo pipefail

USERS=${USERS:-200}
REG_RATES=${REG_RATES:-"500 1000 2000 5000"}
REG_SECONDS=${REG_SECONDS:-10}
CALL_RATES=${CALL_RATES:-"100 200 500"}
CALL_SECONDS=${CALL_SECONDS:-10}
KAMAILIO_CHILDREN=${KAMAILIO_CHILDREN:-4}
KAMAILIO_SHM_MB=${KAMAILIO_SHM_MB:-1024}
WARMUP=${WARMUP:-60}
SERVERS=${SERVERS:-"switchboard kamailio"}
TESTS=${TESTS:-"register call"}
DOMAIN=bench.test
PASSWORD=bench-sip-password-1
ADMIN_PASSWORD=bench-admin-password-1
SB_API=${SB_API:-18380}
SB_SIP=${SB_SIP:-15070}
KAM_SIP=${KAM_SIP:-25070}
KAM_PG_PORT=${KAM_PG_PORT:-25432}
PG_BIN=${PG_BIN:-}
KAM_PG_STARTED=
UAS_PORT=${UAS_PORT:-16070}
CLIENT_PORT=${CLIENT_PORT:-17070}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK=$(mktemp -d /tmp/sip-bench.XXXXXX)
SERVER_PID=
UAS_PID=
SAMPLER=
SB_TOKEN=

log() { echo "[$(date +%H:%M:%S)] $*"; }

cleanup() {
  [ -n "$SAMPLER" ] && { kill "$SAMPLER" 2>/dev/null || true; }
  [ -n "$UAS_PID" ] && { kill "$UAS_PID" 2>/dev/null || true; }
  [ -n "$SERVER_PID" ] && { kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null || true; }
  pkill -f "kamailio -f $WORK/" 2>/dev/null || true
  [ -n "$KAM_PG_STARTED" ] && { kam_pg -m fast stop >/dev/null 2>&1 || true; }
  true
}
trap cleanup EXIT

for tool in sipp kamailio curl md5sum; do
  command -v "$tool" >/dev/null || { echo "$tool is missing (Debian: sip-tester, kamailio, curl, coreutils)" >&2; exit 1; }
done
for port in $SB_API; do
  if ss -ltn | grep -qE "[:.]$port "; then echo "TCP port $port is taken; move it (SB_API)" >&2; exit 1; fi
done
for port in $SB_SIP $KAM_SIP $UAS_PORT $CLIENT_PORT; do
  if ss -lun | grep -qE "[:.]$port "; then echo "UDP port $port is taken; move it (SB_SIP, KAM_SIP, UAS_PORT, CLIENT_PORT)" >&2; exit 1; fi
done

if [ -z "${JAR:-}" ]; then
  (cd "$ROOT" && ./mvnw -B -ntp -q -pl app -am package -DskipTests)
  JAR=$ROOT/app/target/switchboard.jar
fi
cp "$JAR" "$WORK/switchboard.jar" # a rebuild elsewhere cannot swap it mid-run
case " $SERVERS " in *" stack "*)
  # the stack-only registrar runs from sip-gateway's test classes and the module's test classpath
  (cd "$ROOT" && ./mvnw -B -ntp -q -pl sip-gateway -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$WORK/stack.cp" -Dmdep.includeScope=test >"$WORK/stack-build.log" 2>&1) \
    || { echo "cannot build the stack-only registrar; see $WORK/stack-build.log" >&2; exit 1; }
  mkdir -p "$WORK/stack-classes"
  cp -r "$ROOT/sip-gateway/target/test-classes/." "$ROOT/sip-gateway/target/classes/." "$WORK/stack-classes/" ;;
esac
log "switchboard $JAR of $(date -r "$WORK/switchboard.jar" '+%F %T'), checkout $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet || echo '+uncommitted'); $(kamailio -v | head -n 1); sipp $(sipp -v 2>&1 | sed -n 's/.*\(v[0-9][0-9.]*\).*/\1/p' | head -n 1); work directory $WORK"

# The machine's load and busiest processes every 10 s.
( while true; do { date +%T; uptime; top -b -n 1 -o %CPU | sed -n '7,14p'; } >>"$WORK/machine.log"; sleep 10; done ) &
SAMPLER=$!

# The same accounts for both: sipp's injection file (name; the credentials sipp answers a challenge with), and Kamailio's subscriber table of HA1s (realm = domain).
{
  echo SEQUENTIAL
  for i in $(seq -f '%04g' 1 "$USERS"); do echo "user$i;[authentication username=user$i password=$PASSWORD]"; done
} >"$WORK/users.csv"
printf 'SEQUENTIAL\ncallee;[authentication username=callee password=%s]\n' "$PASSWORD" >"$WORK/callee.csv"
mkdir -p "$WORK/kamailio-db"
printf 'table_name(str) table_version(int)\nsubscriber:7\n' >"$WORK/kamailio-db/version"
{
  echo 'id(int,auto) username(str) domain(str) password(str,null) ha1(str) ha1b(str,null)'
  n=0
  for user in callee $(seq -f 'user%04g' 1 "$USERS"); do
    n=$((n + 1))
    echo "$n:$user:$DOMAIN::$(printf '%s' "$user:$DOMAIN:$PASSWORD" | md5sum | cut -d' ' -f1):"
  done
} >"$WORK/kamailio-db/subscriber"

wait_udp() {
  for _ in $(seq 180); do
    # Java's UDP socket shows as [::ffff:127.0.0.1]
    ss -lun | grep -qE "(127.0.0.1|\[::ffff:127.0.0.1\]):$1 " && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 1
  done
  echo "nothing listens on UDP $1" >&2; return 1
}

# The gateway's settings, the same for Switchboard and for the stack alone (which reads them the same way).
SIP_SETTINGS=(SWITCHBOARD_DOMAIN=$DOMAIN SWITCHBOARD_SIP_BIND=127.0.0.1 SWITCHBOARD_SIP_HOST=127.0.0.1 SWITCHBOARD_SIP_UDP_PORT=$SB_SIP
  SWITCHBOARD_SIP_TCP_PORT=-1 SWITCHBOARD_SIP_TLS_PORT=-1 SWITCHBOARD_SIP_WS_PORT=-1 SWITCHBOARD_SIP_WSS_PORT=-1
  SWITCHBOARD_SIP_DIGEST_ALGORITHMS=MD5 SWITCHBOARD_SIP_PIKE_REQUESTS=0 SWITCHBOARD_SIP_MAX_CALLS=0 SWITCHBOARD_SIP_MAX_PENDING=0)

start_switchboard() {
  # Raised for a load from one address: the per-source request limit (pike; 0 = off) and the concurrent calls
  # per account (the one callee takes every call); MD5 first, the only digest sipp answers. The bound on
  # requests waiting for the database (503 past it) is off too: Kamailio is configured without load shedding,
  # and the steps find the rate each carries without failures. Everything else is the default: registrations
  # and call records are committed before they are answered.
  env "${SIP_SETTINGS[@]}" SWITCHBOARD_DATA_DIR="$WORK/switchboard-data" SWITCHBOARD_ROLES=sip \
  SWITCHBOARD_API_PORT=$SB_API SWITCHBOARD_API_BIND_ADDRESS=127.0.0.1 SWITCHBOARD_API_LOGIN_RATE=1000 \
  SWITCHBOARD_ADMIN_USER=admin SWITCHBOARD_ADMIN_PASSWORD=$ADMIN_PASSWORD \
    java ${SB_JAVA_OPTS:-} -jar "$WORK/switchboard.jar" >"$WORK/switchboard.log" 2>&1 &
  SERVER_PID=$!
  wait_udp "$SB_SIP"
  for _ in $(seq 180); do grep -qE "Created the first admin account|No admin existed" "$WORK/switchboard.log" && break; sleep 1; done
  local token
  token=$(curl -sf "http://127.0.0.1:$SB_API/api/v1/account/login" -H 'Content-Type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$ADMIN_PASSWORD\"}" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
  { echo callee; seq -f 'user%04g' 1 "$USERS"; } | xargs -P 4 -I{} curl -sf -o /dev/null \
    "http://127.0.0.1:$SB_API/api/v1/admin/users" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"username\":\"{}\",\"password\":\"$PASSWORD\"}"
  SB_TOKEN=$token
  log "switchboard: up, $((USERS + 1)) accounts created over REST"
}

# Arguments go to kamailio (-A WITH_PG: the durable variant).
start_kamailio() {
  sed -e "s|@WORK@|$WORK|g" -e "s|@PORT@|$KAM_SIP|g" -e "s|@DOMAIN@|$DOMAIN|g" -e "s|@CHILDREN@|$KAMAILIO_CHILDREN|g" \
    -e "s|@PG_PORT@|$KAM_PG_PORT|g" "$HERE/kamailio.cfg.in" >"$WORK/kamailio.cfg"
  kamailio -f "$WORK/kamailio.cfg" -P "$WORK/kamailio.pid" -Y "$WORK" -m "$KAMAILIO_SHM_MB" -M 16 -DD -E "$@" >"$WORK/kamailio.log" 2>&1 &
  SERVER_PID=$!
  wait_udp "$KAM_SIP"
  log "kamailio: up, $((USERS + 1)) subscribers in db_text, $KAMAILIO_CHILDREN UDP workers${1:+, $*}"
}

# Kamailio's PostgreSQL (kamailio-pg): a cluster of its own in the work directory (bench/pg-cluster.sh), with the
# tables of Kamailio's own schema files. Its command line names the work directory, so server_cpu_ms counts it (and
# its backends) as the server's database.
kam_pg() { pg_cluster_ctl "$WORK/kamailio-pg" "$@"; }

start_kamailio_pg() {
  [ -f /usr/lib/x86_64-linux-gnu/kamailio/modules/db_postgres.so ] \
    || { echo "Kamailio's db_postgres is missing (Debian: kamailio-postgres-modules)" >&2; exit 1; }
  pg_cluster_start "$WORK/kamailio-pg" "$KAM_PG_PORT" || exit 1
  KAM_PG_STARTED=1
  psql -X -q -h 127.0.0.1 -p "$KAM_PG_PORT" -U postgres -d postgres -c "create database kamailio"
  local schema
  for schema in standard usrloc acc; do
    psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$KAM_PG_PORT" -U postgres -d kamailio \
      -f "/usr/share/kamailio/postgres/$schema-create.sql" >/dev/null
  done
  log "kamailio-pg: PostgreSQL on 127.0.0.1:$KAM_PG_PORT from $PG_BIN; $(pg_cluster_settings "$KAM_PG_PORT")"
  start_kamailio -A WITH_PG
}

# What the durable Kamailio wrote: registrations on file and accounting rows.
kamailio_pg_rows() {
  log "kamailio-pg: rows in PostgreSQL: $(psql -X -At -h 127.0.0.1 -p "$KAM_PG_PORT" -U postgres -d kamailio \
    -c "select 'location=' || (select count(*) from location) || ' acc=' || (select count(*) from acc)")"
}

start_stack() {
  # its classpath names the work directory on the command line, so server_cpu_ms counts this JVM
  env "${SIP_SETTINGS[@]}" SWITCHBOARD_DATA_DIR="$WORK/stack-data" \
    java ${SB_JAVA_OPTS:-} -cp "$WORK/stack-classes:$(cat "$WORK/stack.cp")" org.switchboard.sip.transport.StackOnlyRegistrar \
    >"$WORK/stack.log" 2>&1 &
  SERVER_PID=$!
  wait_udp "$SB_SIP"
  log "stack: up, JAIN-SIP alone answering REGISTERs from memory"
}

stop_server() {
  kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=
  if [ -n "$KAM_PG_STARTED" ]; then kam_pg -m fast stop >/dev/null; KAM_PG_STARTED=; fi
}

# One sipp run: prints "<successful> <failed> <seconds>" (wall time from start to the last call's end).
sipp_run() {
  local name=$1 port=$2; shift 2
  local start end local_port=${LOCAL_PORT:-$CLIENT_PORT}
  start=$(date +%s.%N)
  # sipp exits 1 when a call failed; the counts say so below. A message that does not come within 10 s fails
  # its call. A message the scenario does not expect is ignored rather than failing the call (-abortunexp): a
  # 180 relayed after the 200 by a proxy with several UDP workers is stale, not an error; a wrong answer
  # still fails the call when the expected one never comes.
  sipp "127.0.0.1:$port" -i 127.0.0.1 -p "$local_port" -key domain "$DOMAIN" -trace_stat -stf "$WORK/$name.csv" -fd 1 \
    -trace_err -error_file "$WORK/$name-errors.log" -nostdin -timeout 300s -recv_timeout 10s \
    -default_behaviors all,-abortunexp ${SIPP_TRACE:+-trace_msg -message_file "$WORK/$name-messages.log"} "$@" >"$WORK/$name.out" 2>&1 || true
  end=$(date +%s.%N)
  # the last line of the statistics file holds the cumulative counters
  awk -F';' -v s="$start" -v e="$end" 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    { ok = $col["SuccessfulCall(C)"]; failed = $col["FailedCall(C)"] } END { printf "%d %d %.2f\n", ok, failed, e - s }' \
    "$WORK/$name.csv"
}

# CPU time (ms) the server has used so far: the JVM or Kamailio's processes and, for Switchboard, its embedded
# PostgreSQL; every such process names the work directory on its command line (sipp, which does too, is not the
# server). On a shared machine the per-second figures depend on what else runs; the CPU a request costs does not.
server_cpu_ms() {
  local ticks=0 db_ticks=0 pid t
  # the processes naming the work directory (the JVM, PostgreSQL's postmaster, Kamailio's) and their children
  # (PostgreSQL's backends, Kamailio's workers, which do not show it)
  for pid in $(ps -eo pid=,ppid=,comm=,args= | awk -v w="$WORK/" -v s="$SERVER_PID" '
      { ppid[$1] = $2; if (($3 != "sipp" && index($0, w)) || $1 == s) top[$1] = 1 }
      END { for (p in ppid) if (p in top || ppid[p] in top) print p }'); do
    # a backend can end between the listing and the read: it is skipped, not the run ended (set -e)
    t=$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null | awk '{ print $12 + $13 }') || continue
    [ -n "$t" ] || continue
    ticks=$((ticks + t))
    [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = postgres ] && db_ticks=$((db_ticks + t))
  done
  # all of it, and PostgreSQL's part (Switchboard's database or kamailio-pg's; 0 for Kamailio in memory)
  echo "$((ticks * 1000 / $(getconf CLK_TCK))) $((db_ticks * 1000 / $(getconf CLK_TCK)))"
}

# Datagrams the kernel dropped so far because the server's UDP socket on port $1 had no room (ss: skmem d).
udp_drops() {
  ss -uamn "sport = :$1" | sed -n 's/.*skmem:(.*,d\([0-9]*\)).*/\1/p' | head -n 1 | grep . || echo 0
}

# Steps of one test at rising rates, until one has failures; prints RESULT per step and BEST.
steps() {
  local server=$1 port=$2 test=$3 rates=$4 seconds=$5; shift 5
  local rate ok failed took per_s best=0 best_rate=none cpu_before db_before cpu_after db_after cpu_ms db_ms drops_before
  for rate in $rates; do
    read -r cpu_before db_before < <(server_cpu_ms)
    drops_before=$(udp_drops "$port")
    read -r ok failed took < <(sipp_run "$server-$test-$rate" "$port" "$@" -r "$rate" -rp 1000 -m "$((rate * seconds))")
    read -r cpu_after db_after < <(server_cpu_ms)
    cpu_ms=$((cpu_after - cpu_before))
    db_ms=$((db_after - db_before))
    per_s=$(awk -v o="$ok" -v s="$took" 'BEGIN { printf "%.0f", o / s }')
    # cpu_ms_each: the server's CPU time (all its processes, all cores) per successful one
    echo "RESULT server=$server test=$test offered_per_s=$rate total=$((rate * seconds)) successful=$ok failed=$failed seconds=$took per_s=$per_s cpu_ms_each=$(awk -v c="$cpu_ms" -v o="$ok" 'BEGIN { printf "%.2f", (o > 0 ? c / o : 0) }') db_ms_each=$(awk -v c="$db_ms" -v o="$ok" 'BEGIN { printf "%.2f", (o > 0 ? c / o : 0) }') udp_drops=$(( $(udp_drops "$port") - drops_before ))"
    [ "$failed" -eq 0 ] || break
    if [ "$per_s" -gt "$best" ]; then best=$per_s; best_rate=$rate; fi
  done
  echo "BEST server=$server test=$test per_s=$best offered_per_s=$best_rate (the highest throughput of a step with zero failures)"
}

measure() {
  local server=$1 port=$2 first_reg first_call
  first_reg=${REG_RATES%% *}
  first_call=${CALL_RATES%% *}
  sipp_run "$server-register-warmup" "$port" -sf "$HERE/register.xml" -inf "$WORK/users.csv" \
    -r "$first_reg" -rp 1000 -m "$((first_reg * WARMUP))" >/dev/null
  log "$server: load average $(uptime | sed 's/.*load average: //')"
  case " $TESTS " in *" register "*)
    steps "$server" "$port" register "$REG_RATES" "$REG_SECONDS" -sf "$HERE/register.xml" -inf "$WORK/users.csv" ;;
  esac
  if [ "$server" = stack ]; then
    log "stack: load average $(uptime | sed 's/.*load average: //') (no call test: the stack alone routes no calls)"
    return
  fi
  # the callee: registered from the port its UAS then answers on
  LOCAL_PORT=$UAS_PORT sipp_run "$server-callee" "$port" -sf "$HERE/register.xml" -inf "$WORK/callee.csv" -m 1 >/dev/null
  sipp -sf "$ROOT/sip-gateway/src/test/resources/sipp/uas-answer.xml" -i 127.0.0.1 -p "$UAS_PORT" -nostdin \
    -trace_err -error_file "$WORK/$server-uas-errors.log" ${SIPP_TRACE:+-trace_msg -message_file "$WORK/$server-uas-messages.log"} \
    >"$WORK/$server-uas.out" 2>&1 &
  UAS_PID=$!
  sleep 1
  sipp_run "$server-call-warmup" "$port" -sf "$HERE/call.xml" -inf "$WORK/users.csv" -s callee \
    -r "$first_call" -rp 1000 -m "$((first_call * WARMUP))" >/dev/null
  case " $TESTS " in *" call "*)
    steps "$server" "$port" call "$CALL_RATES" "$CALL_SECONDS" -sf "$HERE/call.xml" -inf "$WORK/users.csv" -s callee ;;
  esac
  kill "$UAS_PID" 2>/dev/null || true; wait "$UAS_PID" 2>/dev/null || true; UAS_PID=
  if [ "$server" = switchboard ]; then
    # the requests it answered 503 because it was behind, since it started (all steps and warm-ups)
    log "switchboard: $(curl -sf "http://127.0.0.1:$SB_API/actuator/prometheus" -H "Authorization: Bearer $SB_TOKEN" \
      | grep -E '^switchboard_sip_overload_refused_total' | tr '\n' ' ')"
    # each deadlock aborts a transaction after PostgreSQL's deadlock_timeout (1 s), and its batch is tried again
    local pg_port
    pg_port=$(sed -n 's/.*Embedded PostgreSQL .* on port \([0-9]*\).*/\1/p' "$WORK/switchboard.log" | head -n 1)
    log "switchboard: PostgreSQL deadlocks since start $(psql -X -q -At -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres \
      -c "select deadlocks from pg_stat_database where datname = current_database()" 2>&1)"
  fi
  log "$server: load average $(uptime | sed 's/.*load average: //')"
}

# SPEED line: bench/speed-probe.sh
. "$HERE/../speed-probe.sh"
# kamailio-pg's PostgreSQL: bench/pg-cluster.sh
. "$HERE/../pg-cluster.sh"

for server in $SERVERS; do
  speed_probe
  case $server in
    switchboard) start_switchboard; measure switchboard "$SB_SIP" ;;
    kamailio) start_kamailio; measure kamailio "$KAM_SIP" ;;
    kamailio-pg) start_kamailio_pg; measure kamailio-pg "$KAM_SIP"; kamailio_pg_rows ;;
    stack) start_stack; measure stack "$SB_SIP" ;;
    *) echo "unknown server $server" >&2; exit 1 ;;
  esac
  stop_server
done
log "done; logs, sipp statistics and errors in $WORK"
