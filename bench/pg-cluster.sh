# Sourced by the benchmark scripts. A PostgreSQL cluster of its own for a reference server (ejabberd's archive,
# Kamailio's registrations): in a directory under the work directory, on loopback, with the settings Switchboard
# gives its embedded one (fsync, synchronous_commit and full_page_writes on, 300 connections). PostgreSQL refuses to
# run as root, so it runs as nobody, as the embedded-postgres library does under root. Its command line names the
# directory, so a script counting the CPU of processes that name its work directory counts this cluster too.
#
# PG_BIN: initdb/pg_ctl/postgres to use (default: the embedded-postgres binaries the build extracted under
# /tmp/embedded-pg, else Debian's newest).

# pg_cluster_ctl DIR ARGS...: pg_ctl on the cluster in DIR/data, as nobody.
pg_cluster_ctl() {
  local dir=$1; shift
  su -s /bin/sh -c 'cd / && exec "$0" "$@"' nobody -- "$PG_BIN/pg_ctl" -D "$dir/data" "$@"
}

# pg_cluster_start DIR PORT: creates the cluster in DIR/data (superuser postgres, trust on loopback) and starts it
# on 127.0.0.1:PORT, its log in DIR/postgres.log. Returns non-zero when there are no binaries.
pg_cluster_start() {
  local dir=$1 port=$2
  if [ -z "${PG_BIN:-}" ]; then
    PG_BIN=$(ls -d /tmp/embedded-pg/PG-*/bin 2>/dev/null | head -n 1)
    [ -n "$PG_BIN" ] || PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  fi
  [ -x "$PG_BIN/initdb" ] || { echo "no PostgreSQL binaries (PG_BIN=$PG_BIN)" >&2; return 1; }
  mkdir -p "$dir"
  chmod 755 "$(dirname "$dir")"   # nobody must reach its directory
  chown nobody "$dir"
  su -s /bin/sh -c 'cd / && exec "$0" "$@"' nobody -- "$PG_BIN/initdb" -D "$dir/data" -U postgres -A trust -E UTF-8 \
    >"$dir/initdb.log" 2>&1
  pg_cluster_ctl "$dir" -w -t 60 -l "$dir/postgres.log" \
    -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$dir/data -c fsync=on -c synchronous_commit=on -c full_page_writes=on -c max_connections=300 -c timezone=UTC" \
    start >/dev/null
}

# pg_cluster_settings PORT: the durability settings and version the running cluster reports, for the log.
pg_cluster_settings() {
  psql -X -At -h 127.0.0.1 -p "$1" -U postgres -d postgres \
    -c "select 'fsync=' || current_setting('fsync') || ' synchronous_commit=' || current_setting('synchronous_commit') || ', ' || version()"
}
