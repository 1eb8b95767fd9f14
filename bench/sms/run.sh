#!/usr/bin/env bash
# SMS throughput and latency end to end (issue 9): person sessions (bench/xmpp's lean client, see LeanPerson)
# text +E164@sms.<domain> through the all-in-one server with its embedded PostgreSQL; 1 or 10 android-host
# cores (org.switchboard.host.HostCore) on the JVM take the commands, with a radio that reports every part sent
# and delivered at once (the only simulated part); the time is from the person's send to the XEP-0184 receipt that says "delivered". The same
# load between two person accounts (a chat message and its receipt, no SMS) runs beside it as the anchor.
#
# Needs: a JDK 17 and the Maven wrapper; builds the all-in-one jar and the load client (bench/sms, a module of
# the root build) unless JAR is given. Everything binds 127.0.0.1; every run is bounded in time. Each
# scenario gets a freshly started server with an empty database.
#
# Usage: bench/sms/run.sh            (settings through the environment, defaults below)
#   RUNS="sms:1:1000 sms:10:1000 chat:0:1000 sms:1:0 sms:10:0 chat:0:0"
#                    scenarios, mode:hosts:rate; rate 0 = closed loop (WINDOW unanswered messages per client)
#   CLIENTS=20       person sessions (spread over the hosts' owners; in chat mode one account each)
#   NUMBERS=20       phone numbers (conversations) each client texts in turn
#   WINDOW=4         unanswered messages per client in the closed loop
#   DURATION=30 WARMUP=60 DRAIN=30  measured seconds, warm-up before (long enough for the JIT to have compiled
#                    the hot paths: with 5 s, more than half the server's CPU was its compiler; ADR 0057;
#                    an open loop's rate climbs from a tenth to the target over its first two thirds),
#                    at most this long for the last receipts
#   WARMUP_RATE=0    an open loop's rate for the first two thirds of the warm-up when above the scenario's (then
#                    the scenario's rate for the last third): a light load measured on code a heavy load got the
#                    JIT to compile; at 2 or 50 texts/s the warm-up alone left the server's compiler busy
#   THROTTLE=6000000 the host's send throttle, SMS parts a minute (the default of a real host is 30): raised
#                    so that the throttle, which exists for the carrier, does not set the figure
#   JAR=path/to/switchboard.jar   (default: built from this checkout)
#   SB_JAVA_OPTS=    extra JVM options of the server (a JFR recording); BENCH_JAVA_OPTS= the same for the client
#   STATEMENTS=1     PostgreSQL's statement statistics (pg_stat_statements, nested statements and planning
#                    included): the server is started, the library preloaded, the server started again on the
#                    same data, and after the run a STATEMENT line per statement that took the most time
#                    (the counting costs PostgreSQL some CPU; compare such runs only with each other)
#   PG_SETTINGS=     PostgreSQL settings for the run, "name=value name=value" (ALTER SYSTEM and a reload once
#                    the server is up, so its open connections take them too): A/B runs of a setting, one jar
#   SB_C2S=16222 SB_TLS=16223 SB_COMPONENT=16275 SB_API=18180   loopback ports (checked free first)
#
# Prints per scenario a SPEED line (a fixed loop timed before the server starts), a RESULT line (rate, latencies,
# loss), a CPU line (CPU milliseconds per message of the server, its PostgreSQL and the load client over the
# measured seconds, how busy the machine was and the share the hypervisor stole: on a shared machine the rate
# moves with the neighbours, the CPU per message less, but not nothing), DATABASE and STAGE lines.
set -euo pipefail

RUNS=${RUNS:-"sms:1:1000 sms:10:1000 chat:0:1000 sms:1:0 sms:10:0 chat:0:0"}
CLIENTS=${CLIENTS:-20}
NUMBERS=${NUMBERS:-20}
WINDOW=${WINDOW:-4}
DURATION=${DURATION:-30}
WARMUP=${WARMUP:-60}
WARMUP_RATE=${WARMUP_RATE:-0}
DRAIN=${DRAIN:-30}
THROTTLE=${THROTTLE:-6000000}
DOMAIN=bench.test
PASSWORD=bench-password-1
ADMIN_PASSWORD=bench-admin-password-1
SB_C2S=${SB_C2S:-16222}
SB_TLS=${SB_TLS:-16223}
SB_COMPONENT=${SB_COMPONENT:-16275}
SB_API=${SB_API:-18180}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK=$(mktemp -d /tmp/sms-bench.XXXXXX)
SB_PID=
SAMPLER=

log() { echo "[$(date +%H:%M:%S)] $*"; }

cleanup() {
  [ -n "$SAMPLER" ] && { kill "$SAMPLER" 2>/dev/null || true; }
  [ -n "$SB_PID" ] && { kill "$SB_PID" 2>/dev/null; wait "$SB_PID" 2>/dev/null; }
  true
}
trap cleanup EXIT

for port in $SB_C2S $SB_TLS $SB_COMPONENT $SB_API; do
  if ss -ltn | grep -qE "[:.]$port "; then echo "port $port is taken; move it (SB_C2S, SB_TLS, SB_COMPONENT, SB_API)" >&2; exit 1; fi
done

# The load client always (unless CLIENT names the directory of an earlier run's client jars); the server jar
# unless given. -am builds what they need from this checkout.
if [ -n "${CLIENT:-}" ]; then
  :
elif [ -z "${JAR:-}" ]; then
  (cd "$ROOT" && ./mvnw -B -ntp -q -pl app,bench/sms -am package -DskipTests dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime)
  JAR=$ROOT/app/target/switchboard.jar
else
  (cd "$ROOT" && ./mvnw -B -ntp -q -pl bench/sms -am package -DskipTests dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime)
fi
cp "$JAR" "$WORK/switchboard.jar" # a rebuild elsewhere cannot swap it mid-run
# The client's jars from this checkout (the host core among them) are copied too, for the same reason, with
# the rest of its class path in classpath.txt: CLIENT=<that directory> runs the same client again.
mkdir -p "$WORK/client"
if [ -n "${CLIENT:-}" ]; then
  cp "$CLIENT"/* "$WORK/client/"
else
  cp "$HERE/target/sms-bench.jar" "$WORK/client/"
  for jar in $(tr ':' ' ' <"$HERE/target/classpath.txt"); do
    case $jar in
      "$ROOT"/*) cp "$jar" "$WORK/client/"; echo "$WORK/client/$(basename "$jar")" ;;
      *) echo "$jar" ;;
    esac
  done | paste -sd: >"$WORK/client/classpath.txt"
fi
CLASSPATH=$WORK/client/sms-bench.jar:$(sed "s|[^:]*/client/|$WORK/client/|g" "$WORK/client/classpath.txt")
log "server jar $JAR of $(date -r "$WORK/switchboard.jar" '+%F %T'), checkout $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet || echo '+uncommitted'); work directory $WORK"

# The machine's load and busiest processes every 10 s: other people's builds share these two cores.
( while true; do { date +%T; uptime; top -b -n 1 -o %CPU | sed -n '7,14p'; } >>"$WORK/machine.log"; sleep 10; done ) &
SAMPLER=$!

wait_port() {
  for _ in $(seq 180); do
    ss -ltn | grep -qE "127.0.0.1\]?:$1 " && return 0
    kill -0 "$SB_PID" 2>/dev/null || break
    sleep 1
  done
  echo "nothing listens on $1" >&2; return 1
}

# The ports listen before the application's runners are done: the first admin account (the client logs in with
# it) is created just after, and a login before it would be refused.
wait_admin() {
  [ -n "${REOPENED:-}" ] && return 0 # the admin was created by the first start on this data
  for _ in $(seq 180); do
    grep -qE "Created the first admin account|No admin existed" "$1" && return 0
    kill -0 "$SB_PID" 2>/dev/null || break
    sleep 1
  done
  echo "no admin account was created (see $1)" >&2; return 1
}

pg() { psql -X -q -At -h 127.0.0.1 -p "$SB_PG_PORT" -U postgres -d postgres -c "$1"; }
# Commits in the server's database, WAL flushes and WAL bytes of its cluster, deadlocks (each one a transaction
# aborted after deadlock_timeout, 1 s, and its batch tried again one write at a time) so far.
pg_counts() { pg "select xact_commit || ' ' || w.wal_sync || ' ' || w.wal_bytes || ' ' || deadlocks from pg_stat_database, pg_stat_wal w
  where datname = current_database()"; }

start_server() {
  local name=$1 attempt
  for attempt in 1 2 3; do
    start_server_once "$name" "$attempt" && return 0
    log "$name: the server did not start (attempt $attempt; a busy machine can make its PostgreSQL miss its start-up time)"
    kill "$SB_PID" 2>/dev/null; wait "$SB_PID" 2>/dev/null || true; SB_PID=
  done
  return 1
}

start_server_once() {
  local name=$1 attempt=$2
  # Raised: unauthenticated connections per address and API logins (every client is 127.0.0.1), pairing
  # redemptions per address (default 10 per 10 minutes; a scenario pairs up to 10 hosts); the client input
  # rate is off, as in bench/xmpp. Everything else is the default: STARTTLS required, durability on.
  SWITCHBOARD_DATA_DIR="$WORK/data-$name" SWITCHBOARD_DOMAIN=$DOMAIN SWITCHBOARD_ROLES=xmpp \
  SWITCHBOARD_API_PORT=$SB_API SWITCHBOARD_API_BIND_ADDRESS=127.0.0.1 SWITCHBOARD_XMPP_BIND=127.0.0.1 \
  SWITCHBOARD_XMPP_C2S_PORT=$SB_C2S SWITCHBOARD_XMPP_TLS_PORT=$SB_TLS SWITCHBOARD_XMPP_COMPONENT_PORT=$SB_COMPONENT \
  SWITCHBOARD_ADMIN_USER=admin SWITCHBOARD_ADMIN_PASSWORD=$ADMIN_PASSWORD \
  SWITCHBOARD_XMPP_MAX_UNAUTHENTICATED_PER_ADDRESS=100000 SWITCHBOARD_API_LOGIN_RATE=1000 \
  SWITCHBOARD_API_PAIRING_RATE=1000 SWITCHBOARD_XMPP_CLIENT_RATE_BYTES=0 \
    java ${SB_JAVA_OPTS:-} -jar "$WORK/switchboard.jar" >"$WORK/server-$name${REOPENED:-}-$attempt.log" 2>&1 &
  SB_PID=$!
  wait_port "$SB_C2S" || return 1
  wait_port "$SB_API" || return 1
  wait_admin "$WORK/server-$name-$attempt.log" || return 1
  SB_PG_PORT=$(sed -n 's/.*Embedded PostgreSQL .* on port \([0-9]*\).*/\1/p' "$WORK/server-$name${REOPENED:-}-$attempt.log" | head -n 1)
  log "$name: server up, embedded PostgreSQL on 127.0.0.1:$SB_PG_PORT; $(pg "select 'fsync=' || current_setting('fsync') || ' synchronous_commit=' || current_setting('synchronous_commit')")"
}

stop_server() {
  kill "$SB_PID"; wait "$SB_PID" 2>/dev/null || true; SB_PID=
}

# STATEMENTS=1: the library can only be loaded when PostgreSQL starts; the embedded server keeps ALTER SYSTEM's
# settings in its data directory, so a second start on the same data loads it.
count_statements() {
  local name=$1
  pg "alter system set shared_preload_libraries = 'pg_stat_statements'"
  pg "alter system set pg_stat_statements.track = 'all'"
  pg "alter system set pg_stat_statements.track_planning = on"
  stop_server
  REOPENED=-statements start_server "$name"
  pg "create extension if not exists pg_stat_statements"
}

# The statements that took PostgreSQL the most time (planning and executing; a function's own statements are
# counted inside its call as well as on their own), per message sent.
print_statements() {
  local sent=$1
  pg "select 'STATEMENT ms_per_message=' || round(((total_plan_time + total_exec_time) / $sent)::numeric, 3)
        || ' plan_ms_per_message=' || round((total_plan_time / $sent)::numeric, 3)
        || ' calls_per_message=' || round((calls::numeric / $sent), 2) || ' rows_per_call=' || round(rows::numeric / greatest(calls, 1), 1)
        || ' blocks_per_call=' || round((shared_blks_hit + shared_blks_read)::numeric / greatest(calls, 1), 1)
        || ' top=' || toplevel || ' ' || regexp_replace(left(query, 160), '\s+', ' ', 'g')
      from pg_stat_statements order by total_plan_time + total_exec_time desc limit 25"
}

# SPEED line: bench/speed-probe.sh
. "$HERE/../speed-probe.sh"

for run in $RUNS; do
  IFS=: read -r mode hosts rate <<<"$run"
  name="$mode-h$hosts-r$rate"
  speed_probe
  start_server "$name"
  [ "${STATEMENTS:-0}" = 1 ] && count_statements "$name"
  for setting in ${PG_SETTINGS:-}; do pg "alter system set ${setting%%=*} = '${setting#*=}'"; done
  if [ -n "${PG_SETTINGS:-}" ]; then
    pg "select pg_reload_conf()" >/dev/null
    log "$name: PostgreSQL settings $PG_SETTINGS"
    # the embedded server is started with fsync, synchronous_commit and full_page_writes on its command line, which
    # ALTER SYSTEM cannot override: such a run would measure the defaults while saying otherwise. The reload is a
    # signal, so the check waits a moment for new sessions to see it.
    sleep 1
    for setting in $PG_SETTINGS; do
      from=$(pg "select source from pg_settings where name = '${setting%%=*}'")
      [ "$from" = "configuration file" ] ||
        log "$name: PostgreSQL setting ${setting%%=*} did NOT take effect (it comes from: ${from:-nowhere, no such setting})"
    done
  fi
  before=$(pg_counts)
  log "$name: load average $(uptime | sed 's/.*load average: //')"
  # shellcheck disable=SC2086
  java -Xmx1g ${BENCH_JAVA_OPTS:-} -cp "$CLASSPATH" org.switchboard.bench.sms.SmsBench --mode "$mode" --hosts "$hosts" \
    --rate "$rate" --window "$WINDOW" --clients "$CLIENTS" --numbers "$NUMBERS" --warmup "$WARMUP" --warmup-rate "$WARMUP_RATE" --seconds "$DURATION" \
    --drain "$DRAIN" --throttle "$THROTTLE" --api "http://127.0.0.1:$SB_API" --c2s "$SB_C2S" --tls "$SB_TLS" \
    --domain "$DOMAIN" --password "$PASSWORD" --admin-password "$ADMIN_PASSWORD" --data "$WORK/hosts-$name" \
    --server-pid "$SB_PID" --postmaster-pid "$(head -n 1 "$WORK/data-$name/postgres/postmaster.pid" 2>/dev/null || echo 0)" \
    2>"$WORK/client-$name.log" | tee "$WORK/result-$name.txt"
  log "$name: load average $(uptime | sed 's/.*load average: //')"
  sleep 11 # PostgreSQL's backends report their counts when idle 10 s at most
  after=$(pg_counts)
  sent=$(sed -n 's/^RESULT.* sent_total=\([0-9]*\).*/\1/p' "$WORK/result-$name.txt")
  echo "$before $after ${sent:-0}" | awk -v n="$name" '{ c = $5 - $1; w = $6 - $2; b = $7 - $3; d = $8 - $4; m = $9 ? $9 : 1;
    printf "DATABASE run=%s commits=%d wal_syncs=%d commits_per_message=%.2f wal_syncs_per_message=%.2f wal_bytes_per_message=%d deadlocks=%d\n",
      n, c, w, c / m, w / m, b / m, d }'
  pg "select 'ARCHIVE rows=' || count(*) from xmpp_archive"
  [ "${STATEMENTS:-0}" = 1 ] && print_statements "${sent:-1}"
  if [ "$mode" = sms ]; then
    # Updates of a text's row that rewrote no index entry (heap-only, V49) against all of them.
    pg "select 'ROWS sms_messages updates=' || n_tup_upd || ' heap_only=' || n_tup_hot_upd || ' inserts=' || n_tup_ins
          from pg_stat_user_tables where relname = 'sms_messages'"
    pg "select 'OUTBOX ' || string_agg(state || '=' || n, ' ') from (select state, count(*) n from sms_messages group by state order by state) s"
    # Where a message's time goes, p50 / p99 in ms per stage, from the timestamps the server keeps (its clock:
    # when each transaction began; stage 0 starts when the person's message was archived for them, as the
    # server read it) and the phone's per-part times (the radio's clock; the same machine here).
    pg "with m as (select m.*, p.sent_at as radio_sent, p.delivered_at as radio_delivered from sms_messages m
          join sms_message_parts p on p.message_id = m.id and p.part = 0 where m.state = 'delivered'),
        s(stage, ms) as (
          select '0 received->queued', extract(epoch from m.created_at - a.archived_at) * 1000 from m
            join xmpp_archive a on a.outgoing and a.body = m.body union all
          select '1 queued->dispatched', extract(epoch from dispatched_at - created_at) * 1000 from m union all
          select '2 dispatched->accepted', extract(epoch from accepted_at - dispatched_at) * 1000 from m union all
          select '3 accepted->radio sent', extract(epoch from radio_sent - accepted_at) * 1000 from m union all
          select '4 radio sent->server sent', extract(epoch from sent_at - radio_sent) * 1000 from m union all
          select '5 radio delivered->server delivered', extract(epoch from delivered_at - radio_delivered) * 1000 from m union all
          select '6 delivered->notified', extract(epoch from notified_at - delivered_at) * 1000 from m union all
          select '7 queued->notified', extract(epoch from notified_at - created_at) * 1000 from m)
        select 'STAGE ' || stage || ': p50 ' || round(percentile_cont(0.5) within group (order by ms)::numeric, 1)
          || ' p99 ' || round(percentile_cont(0.99) within group (order by ms)::numeric, 1) || ' ms'
        from s group by stage order by stage"
  fi
  stop_server
done
