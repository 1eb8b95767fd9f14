#!/usr/bin/env bash
# Relay throughput of Switchboard's TURN server against coturn's turnserver, both on loopback, driven by the
# same turnutils_uclient load. Prints one line per (server, scenario): messages relayed per second and loss.
#
# Needs: the coturn package (turnserver, turnutils_uclient, turnutils_peer), a JDK, and the turn module built
# (mvn -B -ntp -pl turn -am install -DskipTests). Everything binds 127.0.0.1 only; ports are fixed below.
#
# Usage: bench/turn/run.sh [clients] [messages-per-client] [interval-ms]
set -euo pipefail

CLIENTS=${1:-50}
MESSAGES=${2:-2000}
INTERVAL_MS=${3:-1}
SECRET=bench-secret-0123456789
REALM=bench.local
PEER_PORT=34800
SB_PORT=34780
COTURN_PORT=34790
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d /tmp/turn-bench.XXXXXX)
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

for tool in turnserver turnutils_uclient turnutils_peer java; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install coturn)" >&2; exit 1; }
done

(cd "$ROOT" && mvn -B -ntp -o -q -pl turn dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$WORK/cp.txt")
CLASSPATH="$ROOT/turn/target/classes:$(cat "$WORK/cp.txt")"

# Switchboard: quotas and bandwidth limit opened up, loopback peers allowed, like coturn below.
SWITCHBOARD_DOMAIN=$REALM SWITCHBOARD_TURN_SECRET=$SECRET SWITCHBOARD_TURN_LISTEN_ADDRESS=127.0.0.1 \
SWITCHBOARD_TURN_PORT=$SB_PORT SWITCHBOARD_TURN_TLS_PORT=34781 SWITCHBOARD_TURN_RELAY_PORTS=35000-35999 \
SWITCHBOARD_TURN_ALLOW_LOOPBACK_PEERS=true SWITCHBOARD_TURN_MAX_ALLOCATIONS_PER_USER=10000 \
SWITCHBOARD_TURN_MAX_ALLOCATIONS=10000 SWITCHBOARD_TURN_BANDWIDTH_BYTES_PER_SECOND=0 \
  java -Xmx512m -cp "$CLASSPATH" org.switchboard.turn.TurnServerMain >"$WORK/switchboard.log" 2>&1 &
PIDS+=($!)

turnserver -n --listening-ip=127.0.0.1 --relay-ip=127.0.0.1 --listening-port=$COTURN_PORT \
  --min-port=36000 --max-port=36999 --use-auth-secret --static-auth-secret=$SECRET --realm=$REALM \
  --allow-loopback-peers --no-tls --no-dtls --no-cli --no-tcp-relay --pidfile="$WORK/turnserver.pid" \
  --log-file="$WORK/coturn.log" --simple-log >/dev/null 2>&1 &
PIDS+=($!)

turnutils_peer -L 127.0.0.1 -p $PEER_PORT >/dev/null 2>&1 &
PIDS+=($!)

sleep 3 # both servers bind within a second; the JVM's start is the slow one

# One uclient run: prints "<msgs received> <seconds> <lost%>".
load() {
  local port=$1; shift
  local out="$WORK/uclient-$port-$RANDOM.log"
  local start end
  start=$(date +%s.%N)
  timeout 600 turnutils_uclient -p "$port" -e 127.0.0.1 -r $PEER_PORT -W $SECRET -u bench \
    -m "$CLIENTS" -n "$MESSAGES" -l 120 -z "$INTERVAL_MS" "$@" 127.0.0.1 >"$out" 2>&1 || true
  end=$(date +%s.%N)
  local received lost
  received=$(grep -o 'tot_recv_msgs=[0-9]*' "$out" | tail -1 | cut -d= -f2)
  lost=$(grep -o 'Total lost packets [0-9]* ([0-9.]*%)' "$out" | tail -1 | sed 's/.*(\(.*\)%)/\1/')
  echo "${received:-0} $(echo "$end - $start" | bc) ${lost:-n/a}"
}

printf '%-12s %-22s %12s %10s %12s %8s\n' server scenario received seconds msgs/s lost%
for scenario in "udp-channels:" "udp-send:-s" "tcp-channels:-t" "tcp-send:-t -s"; do
  name=${scenario%%:*}
  flags=${scenario#*:}
  for server in switchboard coturn; do
    port=$SB_PORT; [ "$server" = coturn ] && port=$COTURN_PORT
    # shellcheck disable=SC2086
    load "$port" -c $flags >/dev/null # warm-up (JIT, caches) with the same load, not counted
    # shellcheck disable=SC2086
    read -r received seconds lost < <(load "$port" -c $flags)
    rate=$(echo "scale=0; $received / $seconds" | bc)
    printf '%-12s %-22s %12s %10.2f %12s %8s\n' "$server" "$name" "$received" "$seconds" "$rate" "$lost"
  done
done
echo "logs in $WORK"
