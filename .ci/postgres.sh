# Sourced by .ci/run: start a throw-away PostgreSQL cluster on loopback so the store's
# PostgreSQL test runs for real, and export VAREFLYT_TEST_PG_URL. Best effort: when no server
# can be had, the PostgreSQL test reports that it did not run (and says why).
pg_bin=""
for cand in "$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/x)")" /usr/lib/postgresql/*/bin; do
  if [ -x "$cand/initdb" ] && [ -x "$cand/pg_ctl" ]; then pg_bin="$cand"; break; fi
done
if [ -z "$pg_bin" ] && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) || true
  for cand in /usr/lib/postgresql/*/bin; do [ -x "$cand/initdb" ] && pg_bin="$cand"; done
fi
if [ -n "$pg_bin" ]; then
  pg_dir=$(mktemp -d /tmp/vareflyt-pg.XXXXXX)
  run_as=""
  if [ "$(id -u)" = "0" ]; then
    id vareflytpg >/dev/null 2>&1 || useradd -M -s /bin/sh vareflytpg 2>/dev/null || true
    chown vareflytpg "$pg_dir"
    run_as="su vareflytpg -s /bin/sh -c"
  else
    run_as="sh -c"
  fi
  if $run_as "'$pg_bin/initdb' -D '$pg_dir/data' -A trust -U vareflyt >/dev/null 2>&1 && '$pg_bin/pg_ctl' -D '$pg_dir/data' -o '-p 55432 -k $pg_dir -c listen_addresses=127.0.0.1' -l '$pg_dir/log' -w start >/dev/null 2>&1"; then
    export VAREFLYT_TEST_PG_URL="postgresql+psycopg://vareflyt@127.0.0.1:55432/postgres"
    export VAREFLYT_PG_STOP="$run_as \"'$pg_bin/pg_ctl' -D '$pg_dir/data' -m fast stop\""
    echo "PostgreSQL for the store test: $VAREFLYT_TEST_PG_URL"
  else
    echo "Could not start PostgreSQL (see $pg_dir/log); the PostgreSQL store test will not run."
  fi
fi
