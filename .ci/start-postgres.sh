#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 on 127.0.0.1:${PGPORT:-54329} (trust auth) and prints its URL.
# Used by .ci/run and by developers who want the Postgres half of the suite locally.
set -euo pipefail
PGPORT="${PGPORT:-54329}"
D="${PGSCRATCH:-/tmp/ordinavo-pg}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
if [ -z "$BIN" ]; then
  echo "PostgreSQL binaries are missing; installing them with apt" >&2
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
fi
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if ! as_pg "$BIN/pg_ctl" -D "$D/data" status >/dev/null 2>&1; then
  rm -rf "$D" && mkdir -p "$D/data" "$D/sock"
  [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$D"
  as_pg "$BIN/initdb" -D "$D/data" -U postgres --auth=trust >/dev/null
  as_pg "$BIN/pg_ctl" -D "$D/data" -o "-p $PGPORT -k $D/sock -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off" \
    -l "$D/sock/pg.log" -w start >/dev/null
fi
echo "postgres://postgres@127.0.0.1:$PGPORT/postgres"
