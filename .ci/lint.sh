#!/usr/bin/env bash
# Lint gate (issue 18 item 6-7): ruff (lint + format check), mypy and the import-linter contract,
# all configured in pyproject.toml. Runs every check, then fails if any failed.
# Usage from the repository root: .ci/lint.sh   (uses .venv/bin when it exists, else the PATH)
set -uo pipefail
cd "$(dirname "$0")/.."
bin=".venv/bin/"
[ -x "${bin}ruff" ] || bin=""
failed=()
run() {
    local name=$1; shift
    echo "== $name: $*"
    "$@" || failed+=("$name")
}
run "ruff check" "${bin}ruff" check --output-format concise src tests
run "ruff format" "${bin}ruff" format --check --output-format concise src tests
run "mypy" "${bin}mypy"
run "import contracts" "${bin}lint-imports"
if [ ${#failed[@]} -gt 0 ]; then
    echo "lint failed: ${failed[*]}" >&2
    exit 1
fi
echo "lint passed"
