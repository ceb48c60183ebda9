"""Shared fixtures: a fresh workspace in a temporary folder, and the shared public corpus.

The corpus (files written by other systems) lives beside the repository in
``../shared/corpus/<kind>/`` and is never copied into it. A clone without it (the README's
quick start in an empty folder) skips the tests that need it, each with the reason; with
``VAREFLYT_REQUIRE_CORPUS=1`` (set by ``.ci/run``) a missing corpus stops the run instead, so
CI always runs them (``.ci/run`` also makes hypothesis derandomized). Tests take the folder as the
fixture ``edifact_corpus`` (``ehf_corpus``, ``camt054_corpus``) or one file per test as the parameter
``edifact_file`` (``ehf_file``,
``camt054_file``).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

from vareflyt.workspace import init_workspace

# CI explores the same examples every run (a landing never turns red on a new random draw);
# a developer's run draws new ones, so the fuzz and property tests keep finding what CI has not.
hypothesis_settings.register_profile("ci", derandomize=True)
hypothesis_settings.load_profile(os.environ.get("VAREFLYT_HYPOTHESIS_PROFILE", "default"))

CORPUS_ROOT = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
REQUIRE_ENV = "VAREFLYT_REQUIRE_CORPUS"
KINDS = {"edifact": "*.edi", "ehf": "*.xml", "camt054": "*.xml"}


def corpus_files(kind: str) -> list[Path]:
    return sorted((CORPUS_ROOT / kind).glob(KINDS[kind]))


def _required() -> bool:
    return os.environ.get(REQUIRE_ENV, "") not in ("", "0")


def _reason(kind: str) -> str:
    return (
        f"the shared corpus is not at {CORPUS_ROOT / kind} (a clone without ../shared beside it); "
        f".ci/run sets {REQUIRE_ENV}=1 and then requires it"
    )


def pytest_configure(config) -> None:
    if _required():
        missing = [kind for kind in ("edifact", "ehf", "camt054") if not corpus_files(kind)]
        if missing:
            raise pytest.UsageError(f"{REQUIRE_ENV} is set, but {_reason(missing[0])}")


def pytest_generate_tests(metafunc) -> None:
    for kind in KINDS:
        if f"{kind}_file" in metafunc.fixturenames:
            files = corpus_files(kind)
            params = files or [pytest.param(None, marks=pytest.mark.skip(reason=_reason(kind)))]
            metafunc.parametrize(f"{kind}_file", params, ids=lambda p: p.name if p else "no-corpus")


def _need(kind: str) -> Path:
    if corpus_files(kind):
        return CORPUS_ROOT / kind
    if _required():
        pytest.fail(_reason(kind))
    pytest.skip(_reason(kind))


@pytest.fixture(scope="session")
def edifact_corpus() -> Path:
    return _need("edifact")


@pytest.fixture(scope="session")
def ehf_corpus() -> Path:
    return _need("ehf")


@pytest.fixture(scope="session")
def camt054_corpus() -> Path:
    return _need("camt054")


@pytest.fixture
def workspace(tmp_path):
    ws = init_workspace(tmp_path / "ws")
    yield ws
    ws.close()


# --- the store on PostgreSQL (VAREFLYT_TEST_STORE=postgres, the second pass of .ci/run) -------------

from .pg import PG_URL, STORE_ENV, DatabasePerWorkspace, pg_template, store_is_postgres  # noqa: E402,F401


def pytest_collection_modifyitems(config, items) -> None:
    if not store_is_postgres():
        return
    if not PG_URL:
        raise pytest.UsageError(f"{STORE_ENV}=postgres needs VAREFLYT_TEST_PG_URL (source .ci/postgres.sh)")
    for item in items:
        marker = item.get_closest_marker("sqlite_only")
        if marker is not None:
            item.add_marker(pytest.mark.skip(reason=f"bare SQLite: {marker.args[0] if marker.args else ''}"))


@pytest.fixture(scope="session", autouse=True)
def _database_per_workspace(request):
    """In PostgreSQL mode, every workspace without its own [store] url gets a fresh database."""
    if not store_is_postgres():
        yield None
        return
    databases = DatabasePerWorkspace(request.getfixturevalue("pg_template"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("vareflyt.workspace.default_store_url", databases)
        yield databases
    databases.drop_all()


@pytest.fixture(autouse=True)
def _drop_test_databases(request, _database_per_workspace):
    """In PostgreSQL mode, a test's workspaces' databases go when the test ends."""
    used = _database_per_workspace is not None and "tmp_path" in request.fixturenames
    folder = request.getfixturevalue("tmp_path") if used else None
    yield
    if folder is not None:
        _database_per_workspace.drop_inside(folder)
