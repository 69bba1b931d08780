#!/usr/bin/env bash
# Starts the local PostgreSQL cluster if it is down and waits until it accepts connections
# (the PostgreSQL tests and `npm run bench -- workers` need it). .ci/run does the same inline.
set -euo pipefail
HOST="${PGHOST_CHECK:-127.0.0.1}"
PORT="${PGPORT_CHECK:-5432}"
if pg_isready -q -h "$HOST" -p "$PORT" 2>/dev/null; then
  echo "PostgreSQL is up on $HOST:$PORT"
  exit 0
fi
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  echo "PostgreSQL is down and pg_ctlcluster is not installed; start your server, or set MARSAD_TEST_PG=postgres://user@host:port/db" >&2
  exit 1
fi
VERSION="$(ls /etc/postgresql | sort -V | tail -n1)"
pg_ctlcluster --skip-systemctl-redirect "$VERSION" main start || true
for _ in $(seq 1 30); do
  if pg_isready -q -h "$HOST" -p "$PORT"; then
    echo "PostgreSQL $VERSION is up on $HOST:$PORT"
    exit 0
  fi
  sleep 1
done
echo "PostgreSQL did not come up within 30 s; see /var/log/postgresql/" >&2
exit 1
