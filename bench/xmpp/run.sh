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
#   ARCHIVE=0        1: message archives on both sides. Switchboard archives every chat message (XEP-0313)
#                    whatever this says, in its embedded PostgreSQL; ARCHIVE=1 gives ejabberd mod_mam with
#                    default: always on a PostgreSQL of its own, started here from the same binaries and with
#                    the same durability settings, and counts the archive rows each load run added on both.
#   PG_BIN=dir       initdb/pg_ctl/postgres for ejabberd's PostgreSQL (default: the embedded-postgres
#                    binaries the build extracted under /tmp/embedded-pg, else Debian's newest)
#   MODE=chat        muc: group chat fan-out instead of chat messages and idle clients (docs/muc-benchmark.md):
#                    ROOMS=1 rooms of OCCUPANTS=50 occupants, the first SENDERS=10 of each posting groupchat
#                    messages; RATES="0 100" runs, 0 a closed loop (WINDOW unanswered reflections per
#                    sender), any other figure an open loop of that many messages a second per room. ARCHIVE
#                    applies to rooms: 1 gives ejabberd mod_mam with the rooms' mam option on (its PostgreSQL as
#                    above) and leaves Switchboard's room archive on (its default); 0 runs ejabberd without
#                    mod_mam and has Switchboard's rooms created with muc#roomconfig_enablelogging off.
#   SB_JAVA_OPTS=    extra JVM options of the server only (a JFR recording, say); none by default
#   CLIENT_JAVA_OPTS= extra JVM options of the load client (another collector, say); none by default
#   SB_C2S=15222 SB_TLS=15223 SB_COMPONENT=15275 SB_API=18080 SB_PROXY65=17777 SB_HTTPS=15443 EJ_C2S=25222
#   EJ_PG_PORT=25432 loopback ports (SB_PROXY65 and SB_HTTPS: the XEP-0065 proxy and the WebSocket/upload
#                    HTTPS server, whose defaults other Switchboards on the machine may hold);
#                    the script stops at once if one of them is taken
set -euo pipefail

LOADS=${LOADS:-"100 500"}
IDLE=${IDLE:-1000}
DURATION=${DURATION:-30}
WARMUP=${WARMUP:-5}
WINDOW=${WINDOW:-4}
TARGETS=${TARGETS:-"switchboard ejabberd"}
JAR=${JAR:-}   # the all-in-one jar; default app/target/switchboard.jar of this checkout
ARCHIVE=${ARCHIVE:-0}
MODE=${MODE:-chat}
ROOMS=${ROOMS:-1}
OCCUPANTS=${OCCUPANTS:-50}
SENDERS=${SENDERS:-10}
RATES=${RATES:-"0 100"}
PG_BIN=${PG_BIN:-}
EJ_PG_PORT=${EJ_PG_PORT:-25432}
EJ_PG_PASSWORD=bench-sql-password-1
DOMAIN=bench.test
PASSWORD=bench-password-1
ADMIN_PASSWORD=bench-admin-password-1
# Loopback ports, each can be moved through the environment if something else on the machine holds it.
SB_C2S=${SB_C2S:-15222}
SB_TLS=${SB_TLS:-15223}
SB_COMPONENT=${SB_COMPONENT:-15275}
SB_API=${SB_API:-18080}
SB_PROXY65=${SB_PROXY65:-17777}
SB_HTTPS=${SB_HTTPS:-15443}
EJ_C2S=${EJ_C2S:-25222}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
# ejabberd's PostgreSQL (ARCHIVE=1): bench/pg-cluster.sh
. "$HERE/../pg-cluster.sh"
WORK=$(mktemp -d /tmp/xmpp-bench.XXXXXX)
chmod 755 "$WORK" # the ejabberd user must reach its directory below
SB_PID=
SB_PG_PORT=
EJ_STARTED=
EJ_PG_STARTED=
IDLE_CLIENT=
SAMPLER=
EPMD_BEFORE=$(pgrep -x epmd || true)

log() { echo "[$(date +%H:%M:%S)] $*"; }

cleanup() {
  [ -n "$SAMPLER" ] && { kill "$SAMPLER" 2>/dev/null || true; }
  [ -n "$IDLE_CLIENT" ] && { kill "$IDLE_CLIENT" 2>/dev/null || true; }
  [ -n "$SB_PID" ] && kill "$SB_PID" 2>/dev/null && wait "$SB_PID" 2>/dev/null
  [ -n "$EJ_STARTED" ] && ejctl stop >/dev/null 2>&1 && ejctl stopped >/dev/null 2>&1
  [ -n "$EJ_PG_STARTED" ] && ej_pg stop -m fast >/dev/null 2>&1
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
case $MODE in
  chat) ;;
  muc) accounts=$((ROOMS * OCCUPANTS)) ;;
  *) echo "MODE is chat or muc, not $MODE" >&2; exit 1 ;;
esac

# Online (a new machine has not cached the build plugins yet); the load client has no tests.
(cd "$HERE" && "$ROOT/mvnw" -B -ntp -q package -DskipTests)
# Small stacks: the load client runs two threads per messaging client.
bench() {
  local mode=$1; shift
  java -Xss256k -Xmx1g ${CLIENT_JAVA_OPTS:-} -jar "$HERE/target/xmpp-bench.jar" "$mode" --domain "$DOMAIN" --password "$PASSWORD" "$@"
}

rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }

wait_port() {
  for _ in $(seq 300); do ss -ltn | grep -qE "127.0.0.1\]?:$1 " && return 0; sleep 1; done
  echo "nothing listens on $1" >&2; return 1
}

# Rows in a server's message archive, then commits in its database and WAL flushes (fsyncs) of its cluster
# so far: $1 is switchboard or ejabberd.
archive_rows() {
  local q="select (select count(*) from %s) || ' ' || xact_commit || ' ' || (select wal_sync from pg_stat_wal)
    from pg_stat_database where datname = current_database()"
  case $1 in
    switchboard) psql -X -q -At -h 127.0.0.1 -p "$SB_PG_PORT" -U postgres -d postgres \
      -c "$(printf "$q" "$([ "$MODE" = muc ] && echo muc_archive || echo xmpp_archive)")" ;;
    ejabberd) PGPASSWORD=$EJ_PG_PASSWORD psql -X -q -At -h 127.0.0.1 -p $EJ_PG_PORT -U ejabberd -d ejabberd -c "$(printf "$q" archive)" ;;
  esac
}

# One messaging run per client count; the RESULT lines are what docs/xmpp-benchmark.md tabulates. With
# ARCHIVE=1 an ARCHIVE line follows each: rows the archive gained against the messages the clients sent in
# the whole run (warm-up included). Both servers archive a message twice, for the sender and the recipient.
loads() {
  local name=$1 port=$2 before after out
  for n in $LOADS; do
    log "$name: $n clients, window $WINDOW, ${WARMUP}+${DURATION}s; load: $(uptime | sed 's/.*load average/load average/')"
    [ "$ARCHIVE" = 1 ] && before=$(archive_rows "$name")
    out=$(bench load --port "$port" --clients "$n" --window "$WINDOW" --warmup "$WARMUP" --seconds "$DURATION" \
      | sed "s/^RESULT/RESULT server=$name/")
    echo "$out"
    log "$name: $n clients done; load: $(uptime | sed 's/.*load average/load average/')"
    if [ "$ARCHIVE" = 1 ]; then
      sleep 11 # the last writes in flight, and PostgreSQL's backends report their counts when idle 10 s at most
      after=$(archive_rows "$name")
      echo "$out" | sed -n 's/^RESULT.* sent_total=\([0-9]*\) received_total=\([0-9]*\).*/\1 \2/p' |
        awk -v s="$name" -v n="$n" -v b="$before" -v a="$after" '{
          split(b, x, " "); split(a, y, " "); rows = y[1] - x[1]; commits = y[2] - x[2]; syncs = y[3] - x[3]
          printf "ARCHIVE server=%s clients=%d rows_before=%d rows_after=%d rows_added=%d sent_total=%d received_total=%d rows_per_sent=%.4f commits=%d rows_per_commit=%.1f wal_syncs=%d rows_per_wal_sync=%.1f\n",
            s, n, x[1], y[1], rows, $1, $2, rows / $1, commits, rows / (commits ? commits : 1), syncs, rows / (syncs ? syncs : 1)
          if (rows < 2 * $1) printf "ARCHIVE-MISSING server=%s clients=%d: %d archive rows for %d messages (two each expected); the comparison is void (see the server log)\n", s, n, rows, $1 }'
    fi
  done
}

# One run per rate of RATES in rooms of OCCUPANTS (MODE=muc); the RESULT lines are what docs/muc-benchmark.md
# tabulates, followed with ARCHIVE=1 by an ARCHIVE line as above: one row per room message is expected on both
# servers (the room's archive), and Switchboard's personal archives are counted too (they should not grow).
# A SPREAD line splits each run by message (first copy, last copy); slow-<server>-<step>-<rate>.txt in the work
# directory lists the messages whose last copy came at or after the p99, with the time each was sent.
mucs() {
  local name=$1 port=$2 before after out personal_before personal_after form=() step=0
  # Switchboard archives a room by default; without ARCHIVE its rooms are made with logging off, as ejabberd's
  # are without mod_mam.
  [ "$name" = switchboard ] && [ "$ARCHIVE" != 1 ] && form=(--room-form "<field var='muc#roomconfig_enablelogging'><value>0</value></field>")
  for rate in $RATES; do
    step=$((step + 1))
    log "$name: $ROOMS room(s) x $OCCUPANTS occupants, $SENDERS senders each, rate $rate (0: closed loop, window $WINDOW), ${WARMUP}+${DURATION}s; load: $(uptime | sed 's/.*load average/load average/')"
    [ "$ARCHIVE" = 1 ] && before=$(archive_rows "$name")
    [ "$name" = switchboard ] && personal_before=$(sb_personal_rows) && sb_table_reads >"$WORK/tables-before-$rate.txt"
    out=$(bench muc --port "$port" --clients "$accounts" --occupants "$OCCUPANTS" --senders "$SENDERS" \
      --window "$WINDOW" --rate "$rate" --warmup "$WARMUP" --seconds "$DURATION" ${form[@]+"${form[@]}"} \
      --slow-file "$WORK/slow-$name-$step-$rate.txt" \
      | sed "s/^RESULT/RESULT server=$name/")
    echo "$out"
    log "$name: rate $rate done; load: $(uptime | sed 's/.*load average/load average/')"
    if [ "$ARCHIVE" = 1 ]; then
      sleep 11 # as in loads()
      after=$(archive_rows "$name")
      echo "$out" | sed -n 's/^RESULT.* sent_total=\([0-9]*\) received_total=\([0-9]*\).*/\1 \2/p' |
        awk -v s="$name" -v r="$rate" -v b="$before" -v a="$after" '{
          split(b, x, " "); split(a, y, " "); rows = y[1] - x[1]; commits = y[2] - x[2]; syncs = y[3] - x[3]
          printf "ARCHIVE server=%s rate=%s rows_added=%d sent_total=%d received_total=%d rows_per_sent=%.4f commits=%d rows_per_commit=%.1f wal_syncs=%d rows_per_wal_sync=%.1f\n",
            s, r, rows, $1, $2, rows / $1, commits, rows / (commits ? commits : 1), syncs, rows / (syncs ? syncs : 1)
          if (rows < $1) printf "ARCHIVE-MISSING server=%s rate=%s: %d of %d room messages archived; the comparison is void (see the server log)\n", s, r, rows, $1 }'
    fi
    if [ "$name" = switchboard ]; then
      personal_after=$(sb_personal_rows)
      echo "PERSONAL server=switchboard rate=$rate xmpp_archive_rows_added=$((personal_after - personal_before))"
      # Which of Switchboard's tables the run read and wrote: scans and rows written, after minus before.
      sb_table_reads >"$WORK/tables-after-$rate.txt"
      awk 'FNR == NR {s[$1] = $2; w[$1] = $3; next} {printf "%-28s scans %8d  rows written %8d\n", $1, $2 - s[$1], $3 - w[$1]}' \
        "$WORK/tables-before-$rate.txt" "$WORK/tables-after-$rate.txt" | sort -k3 -rn | awk 'NR <= 8' >"$WORK/tables-$rate.txt"
    fi
  done
}

sb_table_reads() {
  psql -X -q -At -F ' ' -h 127.0.0.1 -p "$SB_PG_PORT" -U postgres -d postgres -c "select relname,
    coalesce(seq_scan, 0) + coalesce(idx_scan, 0), n_tup_ins + n_tup_upd + n_tup_del from pg_stat_user_tables"
}

sb_personal_rows() {
  psql -X -q -At -h 127.0.0.1 -p "$SB_PG_PORT" -U postgres -d postgres -c "select count(*) from xmpp_archive"
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
  # (default 30); all clients come from 127.0.0.1. Room messages per occupant and minute (default 120) are
  # not limited, as ejabberd's mod_muc does not by default (min_message_interval 0). The client input rate is off, as ejabberd's c2s shaper is
  # (ejabberd.yml.in). Everything else is the default, STARTTLS required included.
  SWITCHBOARD_DATA_DIR="$WORK/switchboard-data" SWITCHBOARD_DOMAIN=$DOMAIN SWITCHBOARD_ROLES=xmpp \
  SWITCHBOARD_API_PORT=$SB_API SWITCHBOARD_API_BIND_ADDRESS=127.0.0.1 SWITCHBOARD_XMPP_BIND=127.0.0.1 \
  SWITCHBOARD_XMPP_C2S_PORT=$SB_C2S SWITCHBOARD_XMPP_TLS_PORT=$SB_TLS SWITCHBOARD_XMPP_COMPONENT_PORT=$SB_COMPONENT \
  SWITCHBOARD_TURN_PORT=13478 SWITCHBOARD_TURN_TLS_PORT=15349 SWITCHBOARD_PROXY65_PORT=$SB_PROXY65 SWITCHBOARD_HTTPS_PORT=$SB_HTTPS \
  SWITCHBOARD_ADMIN_USER=admin SWITCHBOARD_ADMIN_PASSWORD=$ADMIN_PASSWORD \
  SWITCHBOARD_XMPP_MAX_UNAUTHENTICATED_PER_ADDRESS=100000 SWITCHBOARD_XMPP_MAX_UNAUTHENTICATED=100000 \
  SWITCHBOARD_API_LOGIN_RATE=1000 \
  SWITCHBOARD_XMPP_CLIENT_RATE_BYTES=0 SWITCHBOARD_MUC_MESSAGES_PER_MINUTE=1000000 \
    java ${SB_JAVA_OPTS:-} -jar "$WORK/switchboard.jar" >"$WORK/switchboard.log" 2>&1 &
  SB_PID=$!
  wait_port $SB_C2S
  wait_port $SB_API
  # The first admin is created after start-up, once the API already listens: on a loaded machine the accounts
  # call could come first and be refused.
  for _ in $(seq 120); do grep -q 'Created the first admin' "$WORK/switchboard.log" && break; sleep 1; done
  SB_PG_PORT=$(sed -n 's/.*Embedded PostgreSQL .* on port \([0-9]*\).*/\1/p' "$WORK/switchboard.log" | head -n 1)
  log "switchboard: embedded PostgreSQL on 127.0.0.1:$SB_PG_PORT; $(psql -X -At -h 127.0.0.1 -p "$SB_PG_PORT" -U postgres -d postgres \
    -c "select 'fsync=' || current_setting('fsync') || ' synchronous_commit=' || current_setting('synchronous_commit') || ', ' || version()")"
  bench accounts-rest --api http://127.0.0.1:$SB_API --admin-password "$ADMIN_PASSWORD" --clients "$accounts" --threads 2
  # Idle first, on a fresh server: memory freed by a load run would otherwise be reused by the idle sessions
  # and hide part of their cost (this matters for ejabberd's RSS; it is kept the same for both).
  if [ "$MODE" = muc ]; then
    mucs switchboard $SB_C2S
  else
    idle switchboard sb_memory $SB_C2S
    loads switchboard $SB_C2S
  fi
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

# ejabberd's PostgreSQL (ARCHIVE=1): a cluster of its own in the work directory (bench/pg-cluster.sh).
ej_pg() { pg_cluster_ctl "$WORK/ejabberd-pg" "$@"; }

ej_postgres() {
  pg_cluster_start "$WORK/ejabberd-pg" "$EJ_PG_PORT" || return 1
  EJ_PG_STARTED=1
  psql -X -q -h 127.0.0.1 -p $EJ_PG_PORT -U postgres -d postgres \
    -c "create user ejabberd password '$EJ_PG_PASSWORD'" -c "create database ejabberd owner ejabberd"
  # 23.01 does not create its tables in PostgreSQL (update_sql_schema came later): its own pg.sql, the
  # default (not "new") schema, as new_sql_schema is left at its default, false.
  PGPASSWORD=$EJ_PG_PASSWORD psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p $EJ_PG_PORT -U ejabberd -d ejabberd \
    -f /usr/share/ejabberd/sql/pg.sql >/dev/null
  log "ejabberd: PostgreSQL on 127.0.0.1:$EJ_PG_PORT from $PG_BIN; $(pg_cluster_settings "$EJ_PG_PORT")"
}

ejabberd() {
  log "ejabberd: $(dpkg-query -W -f='${Version}' ejabberd) (Debian package), Erlang/OTP $(erl -noshell -eval 'io:format("~s", [erlang:system_info(otp_release)]), halt().')"
  local dir="$WORK/ejabberd"
  mkdir -p "$dir/spool" "$dir/logs"
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=$DOMAIN" -addext "subjectAltName=DNS:$DOMAIN" \
    -keyout "$dir/key.pem" -out "$dir/cert.pem" 2>/dev/null # RSA 2048 like Switchboard's self-signed one
  cat "$dir/cert.pem" "$dir/key.pem" >"$dir/bench.test.pem"
  sed -e "s|@CERTFILE@|$dir/bench.test.pem|" -e "s|@C2S_PORT@|$EJ_C2S|" "$HERE/ejabberd.yml.in" >"$dir/ejabberd.yml"
  if [ "$MODE" = muc ]; then
    # Rooms at conference.bench.test, anyone may create them; everything else at mod_muc's defaults (no
    # message rate limit, 200 occupants a room, 20 messages of history in memory). With ARCHIVE=1 the rooms'
    # mam option is on, so mod_mam (appended below) keeps each room's archive in PostgreSQL.
    cat >>"$dir/ejabberd.yml" <<YML
  mod_muc:
    access_create: all
    default_room_options:
      mam: $([ "$ARCHIVE" = 1 ] && echo true || echo false)
YML
  fi
  if [ "$ARCHIVE" = 1 ]; then
    ej_postgres
    # The modules section ends ejabberd.yml.in, so mod_mam joins it; only mod_mam uses SQL, everything else
    # stays in Mnesia as without ARCHIVE. sql_pool_size is left at its default (10).
    cat >>"$dir/ejabberd.yml" <<YML
  mod_mam:
    db_type: sql
    default: always

sql_type: pgsql
sql_server: "127.0.0.1"
sql_port: $EJ_PG_PORT
sql_database: "ejabberd"
sql_username: "ejabberd"
sql_password: "$EJ_PG_PASSWORD"
YML
  fi
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
  if [ "$MODE" = muc ]; then
    mucs ejabberd $EJ_C2S
  else
    idle ejabberd ej_memory $EJ_C2S
    loads ejabberd $EJ_C2S
  fi
  ejctl stop >/dev/null; ejctl stopped >/dev/null || true; EJ_STARTED=
  if [ -n "$EJ_PG_STARTED" ]; then ej_pg stop -m fast >/dev/null; EJ_PG_STARTED=; fi
}

# Without its PostgreSQL driver ejabberd starts, serves and archives nothing: every mod_mam write crashes in its
# log, and an archive comparison would set Switchboard's durable writes against none.
if [ "$ARCHIVE" = 1 ] && [[ " $TARGETS " == *" ejabberd "* ]] \
    && ! dpkg-query -W -f='${Status}' erlang-p1-pgsql 2>/dev/null | grep -q "install ok installed"; then
  echo "ARCHIVE=1 needs ejabberd's PostgreSQL driver: apt-get install -y erlang-p1-pgsql" >&2; exit 1
fi

# A port already taken (another engineer's server, say) would have the clients measure the wrong server.
busy=
for p in $SB_C2S $SB_TLS $SB_COMPONENT $SB_API $SB_PROXY65 $SB_HTTPS $EJ_C2S $EJ_PG_PORT; do
  ss -ltnH "sport = :$p" | grep -q . && busy="$busy $p"
done
[ -z "$busy" ] || { echo "ports already in use:$busy (move them with SB_C2S, SB_TLS, SB_COMPONENT, SB_API, SB_PROXY65, SB_HTTPS, EJ_C2S, EJ_PG_PORT)" >&2; exit 1; }

log "machine: $(nproc) cores, $(free -m | awk '/^Mem/ {print $2}') MiB, $(uname -r); java $(java -version 2>&1 | head -n 1)"
# What else ran on the machine: load average and the busiest processes every 10 s, in machine.log.
(while sleep 10; do date +%T; cat /proc/loadavg; top -b -n 1 -o %CPU -w 160 | sed -n '8,13p'; done) >"$WORK/machine.log" 2>&1 &
SAMPLER=$!
log "work directory $WORK; MODE=$MODE ARCHIVE=$ARCHIVE; load: $(uptime | sed 's/.*load average/load average/')"
for target in $TARGETS; do "$target"; done
log "done; logs in $WORK"
