#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers for the test suite and prints the admin URL to use as
# FINAGENT_TEST_DATABASE_URL (stdout: the URL only; notes go to stderr).
#
#   url="$(scripts/ci-postgres.sh)"   # reuse a server that answers, else start a throwaway one
#   scripts/ci-postgres.sh --fresh    # always start a throwaway cluster
#   scripts/ci-postgres.sh --stop     # stop the throwaway clusters started from this machine's state file
#
# Order: $FINAGENT_TEST_DATABASE_URL if it answers; then postgres@127.0.0.1:5432 (trust auth);
# otherwise `initdb` a cluster in a temp dir (as the `postgres` OS user when root; Debian's
# `postgresql` package is installed first when missing, root and apt-get allowing), start it on a
# free port with durability off (throwaway data) and print its URL. That cluster is stopped and
# removed by `--stop`, and in any case when the calling shell exits (a watchdog follows it;
# FINAGENT_CI_PG_OWNER_PID names another process to follow).
# Exit status 1 (and no URL) when no server can be had: the PostgreSQL tests then print SKIPPED.
set -euo pipefail

STATE="${FINAGENT_CI_PG_STATE:-${TMPDIR:-/tmp}/finagent-ci-postgres.state}"
note() { echo "ci-postgres: $*" >&2; }

# The directory holding initdb/pg_ctl (PATH first, then Debian's versioned layout, newest first).
pg_bindir() {
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
    return 0
  fi
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -V -r); do
    [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
  done
  return 1
}

# True when `url` accepts a connection and runs `select 1`.
answers() {
  local url="$1" psql_bin
  psql_bin="$(command -v psql 2>/dev/null || true)"
  [ -z "$psql_bin" ] && [ -n "${BINDIR:-}" ] && [ -x "$BINDIR/psql" ] && psql_bin="$BINDIR/psql"
  if [ -n "$psql_bin" ]; then
    PGCONNECT_TIMEOUT=3 "$psql_bin" "$url" -XAtqc 'select 1' 2>/dev/null | grep -qx 1
  elif command -v pg_isready >/dev/null 2>&1; then
    pg_isready -q -d "$url" -t 3
  else
    return 1
  fi
}

stop_all() {
  [ -f "$STATE" ] || return 0
  local dir bindir
  while read -r dir bindir; do
    [ -d "$dir/data" ] || continue
    as_owner "$dir" "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    note "stopped throwaway cluster $dir"
  done <"$STATE"
  rm -f "$STATE"
}

# Runs a command as the owner of the cluster directory (postgres refuses to run as root).
as_owner() {
  local dir="$1"
  shift
  if [ "$(id -u)" = "0" ]; then
    runuser -u "$(stat -c %U "$dir")" -- "$@"
  else
    "$@"
  fi
}

# The shell to follow: the caller, skipping forked subshells of it (`$(…)` with a redirection or a
# pipeline forks a copy that exits at once); FINAGENT_CI_PG_OWNER_PID overrides.
owner_pid() {
  if [ -n "${FINAGENT_CI_PG_OWNER_PID:-}" ]; then
    echo "$FINAGENT_CI_PG_OWNER_PID"
    return 0
  fi
  local p="$PPID" pp
  while [ -r "/proc/$p/stat" ]; do
    pp="$(sed 's/.*) //' "/proc/$p/stat" | cut -d' ' -f2)"
    [ -n "$pp" ] && [ "$pp" -gt 1 ] && cmp -s "/proc/$p/cmdline" "/proc/$pp/cmdline" || break
    p="$pp"
  done
  echo "$p"
}

free_port() {
  local port
  for port in $(seq $((54320 + RANDOM % 500)) 55999); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

install_postgres() {
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    note "installing Debian postgresql"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) >&2 || return 1
    return 0
  fi
  return 1
}

start_throwaway() {
  BINDIR="$(pg_bindir)" || return 1
  local dir port owner
  dir="$(mktemp -d "${TMPDIR:-/tmp}/finagent-pg.XXXXXX")"
  chmod 700 "$dir"
  if [ "$(id -u)" = "0" ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
    chown postgres: "$dir"
  fi
  port="$(free_port)" || { note "no free port"; return 1; }
  as_owner "$dir" "$BINDIR/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C --no-sync >/dev/null
  # Throwaway data: no fsync, no synchronous commit; listens on loopback and a private socket dir.
  as_owner "$dir" "$BINDIR/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null
  echo "$dir $BINDIR" >>"$STATE"
  # Cleanup even if the caller forgets --stop: follow the calling shell and stop with it.
  local parent
  parent="$(owner_pid)"
  (
    trap '' HUP
    while kill -0 "$parent" 2>/dev/null; do sleep 5; done
    as_owner "$dir" "$BINDIR/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
  ) </dev/null >/dev/null 2>&1 &
  disown || true
  URL="postgres://postgres@127.0.0.1:$port/postgres"
  note "started throwaway PostgreSQL ($("$BINDIR/postgres" --version 2>/dev/null || echo postgres)) in $dir on port $port"
}

case "${1:-}" in
  --stop)
    stop_all
    exit 0
    ;;
  --fresh | "") ;;
  *)
    echo "usage: $0 [--fresh | --stop]" >&2
    exit 2
    ;;
esac

URL=""
if [ "${1:-}" != "--fresh" ]; then
  BINDIR="$(pg_bindir || true)"
  for candidate in "${FINAGENT_TEST_DATABASE_URL:-}" "postgres://postgres@127.0.0.1:5432/postgres"; do
    [ -n "$candidate" ] || continue
    if answers "$candidate"; then
      URL="$candidate"
      break
    fi
  done
fi

if [ -z "$URL" ]; then
  if ! pg_bindir >/dev/null; then
    install_postgres || { note "PostgreSQL is not installed and cannot be installed here"; exit 1; }
    # Debian's package may have started its own cluster on 5432.
    if [ "${1:-}" != "--fresh" ] && answers "postgres://postgres@127.0.0.1:5432/postgres"; then
      URL="postgres://postgres@127.0.0.1:5432/postgres"
    fi
  fi
fi

if [ -z "$URL" ]; then
  start_throwaway || { note "could not start a throwaway PostgreSQL cluster"; exit 1; }
  answers "$URL" || { note "the throwaway cluster does not answer at $URL"; exit 1; }
fi

echo "$URL"
