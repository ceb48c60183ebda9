#!/usr/bin/env bash
# Second CI pass (run by .ci/run after the README's test command): the store-touching test folders
# again with every workspace on a fresh PostgreSQL database (VAREFLYT_TEST_STORE=postgres, see
# tests/pg.py). tests/batch stays on SQLite only: it opens the store file with sqlite3 and kills
# runs in subprocesses that use the workspace's own file. The two demo tests are left out here
# because tests/shared_store/test_demo_on_postgres.py already compares the demo's whole store on
# both databases in the first pass. About 2-3 minutes with -n 2 (docs/development.md).
set -uo pipefail
cd "$(dirname "$0")/.."
if [ -z "${VAREFLYT_TEST_PG_URL:-}" ]; then
  echo "No PostgreSQL server (.ci/postgres.sh): the PostgreSQL pass did not run."
  exit 0
fi
VAREFLYT_TEST_STORE=postgres .venv/bin/python -m pytest -n 2 \
  tests/purchasing tests/invoice_control tests/prices tests/receivables tests/parties tests/dunning \
  --ignore=tests/purchasing/test_demo.py --ignore=tests/invoice_control/test_demo.py
