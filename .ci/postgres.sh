# shellcheck shell=bash
# Sourced by .ci/run: starts a throwaway PostgreSQL cluster on 127.0.0.1 for the store and two-replica tests and
# exports TEST_DATABASE_URL. Installs PostgreSQL from Debian's packages when its binaries are missing. The cluster
# lives in a temp dir, runs as an unprivileged user (postgres refuses to run as root), uses password auth, and is
# stopped and removed by stop_test_postgres (register it in an EXIT trap).

PG_CI_DIR=""
PG_CI_BIN=""
PG_CI_USER=""

pg_ci_find_bindir() {
  local found
  if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v pg_ctl)")"
    return 0
  fi
  found="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [ -n "$found" ] && [ -x "$found/initdb" ] && [ -x "$found/pg_ctl" ]; then
    echo "$found"
    return 0
  fi
  return 1
}

pg_ci_install() {
  echo "== installing PostgreSQL from Debian's packages"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends postgresql
}

pg_ci_free_port() {
  node -e "const s=require('node:net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

# Runs a PostgreSQL binary as the cluster's owner.
pg_ci_as_owner() {
  if [ -n "$PG_CI_USER" ]; then
    runuser -u "$PG_CI_USER" -- "$@"
  else
    "$@"
  fi
}

start_test_postgres() {
  if ! PG_CI_BIN="$(pg_ci_find_bindir)"; then
    pg_ci_install
    PG_CI_BIN="$(pg_ci_find_bindir)" || {
      echo "PostgreSQL was installed but initdb/pg_ctl were not found" >&2
      return 1
    }
  fi
  PG_CI_DIR="$(mktemp -d "${TMPDIR:-/tmp}/bedrock-403-pg.XXXXXX")"
  if [ "$(id -u)" -eq 0 ]; then
    if id postgres >/dev/null 2>&1; then
      PG_CI_USER=postgres
    else
      id bedrock403ci >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin bedrock403ci
      PG_CI_USER=bedrock403ci
    fi
    chown "$PG_CI_USER" "$PG_CI_DIR"
  fi
  local password port
  password="ci-$(node -e "console.log(require('node:crypto').randomBytes(12).toString('hex'))")"
  port="$(pg_ci_free_port)"
  mkdir -p "$PG_CI_DIR/sock"
  printf '%s\n' "$password" >"$PG_CI_DIR/pwfile"
  if [ -n "$PG_CI_USER" ]; then chown -R "$PG_CI_USER" "$PG_CI_DIR"; fi
  chmod 700 "$PG_CI_DIR"

  echo "== $("$PG_CI_BIN/postgres" --version) from $PG_CI_BIN on 127.0.0.1:$port"
  pg_ci_as_owner "$PG_CI_BIN/initdb" -D "$PG_CI_DIR/data" -U postgres --auth=scram-sha-256 \
    --pwfile="$PG_CI_DIR/pwfile" --encoding=UTF8 --no-locale >"$PG_CI_DIR/initdb.log" 2>&1 || {
    cat "$PG_CI_DIR/initdb.log" >&2
    return 1
  }
  rm -f "$PG_CI_DIR/pwfile"
  # Throwaway cluster: durability off, small footprint, loopback only.
  pg_ci_as_owner "$PG_CI_BIN/pg_ctl" -D "$PG_CI_DIR/data" -l "$PG_CI_DIR/server.log" -w -t 60 \
    -o "-p $port -k $PG_CI_DIR/sock -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || {
    cat "$PG_CI_DIR/server.log" >&2
    return 1
  }
  PGPASSWORD="$password" "$PG_CI_BIN/psql" -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres \
    -v ON_ERROR_STOP=1 -c 'CREATE DATABASE bedrock403_test'
  export TEST_DATABASE_URL="postgres://postgres:${password}@127.0.0.1:${port}/bedrock403_test"
  export CI=true
  echo "== TEST_DATABASE_URL=postgres://postgres:***@127.0.0.1:${port}/bedrock403_test"
}

stop_test_postgres() {
  if [ -n "$PG_CI_DIR" ] && [ -d "$PG_CI_DIR/data" ]; then
    pg_ci_as_owner "$PG_CI_BIN/pg_ctl" -D "$PG_CI_DIR/data" -m fast -w -t 30 stop >/dev/null 2>&1 || true
  fi
  if [ -n "$PG_CI_DIR" ]; then rm -rf "$PG_CI_DIR"; fi
  PG_CI_DIR=""
}
