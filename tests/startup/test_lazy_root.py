"""The console command builds only the command it runs (``cli.lazy_root``, issue 19 item 4),
and says and does exactly what the whole app (``cli.app.app``, built eagerly by Typer) does.

Each case runs both ways in fresh processes with the same terminal width: ``python -m vareflyt``
(the console script's ``main``, lazy) and the eager app called directly, then compares
output and exit code.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

EAGER = "import sys; from vareflyt.cli.app import app; sys.argv[0] = 'vareflyt'; app(prog_name='vareflyt')"


def _run(lazy: bool, *args: str) -> tuple[int, str, str]:
    command = [sys.executable, "-m", "vareflyt"] if lazy else [sys.executable, "-c", EAGER]
    env = {**os.environ, "COLUMNS": "100", "TERM": "dumb", "NO_COLOR": "1"}
    done = subprocess.run([*command, *args], capture_output=True, text=True, env=env, timeout=120)
    return done.returncode, done.stdout, done.stderr


CALLS = [
    ("--help",),
    (),  # no arguments: the help, exit 2
    ("--version",),
    ("prises",),  # a misspelt group: Norwegian error, exit 2
    ("prices", "--help"),
    ("prices", "lookup", "--help"),
    ("init", "--help"),
    ("rates", "list", "--nope"),  # a wrong option inside a group
]


@pytest.mark.parametrize("args", CALLS, ids=lambda a: " ".join(a) or "(none)")
def test_the_console_command_answers_as_the_whole_app(args: tuple[str, ...]) -> None:
    lazy, eager = _run(True, *args), _run(False, *args)
    assert lazy == eager
    assert lazy[1] or lazy[2]  # it said something


def test_the_root_help_builds_no_command(capsys: pytest.CaptureFixture[str]) -> None:
    from vareflyt.cli.app import LazyRoot, _shell, app
    from vareflyt.cli.lazy_root import lazy_root

    root = lazy_root(_shell(LazyRoot), app)
    ctx = root.make_context("vareflyt", [], resilient_parsing=True)
    text = root.get_help(ctx) + capsys.readouterr().out  # the rich help prints as it draws
    assert "prices" in text and "dunning" in text and "init" in text
    assert dict(root.commands) == {}  # listed from what was registered, nothing built
    assert root.get_command(ctx, "prices") is root.get_command(ctx, "prices")  # built once, kept
    assert list(root.commands) == ["prices"]
    assert root.get_command(ctx, "nope") is None


def test_every_registered_command_can_be_built_from_the_root() -> None:
    from typer.main import get_command

    from vareflyt.cli.app import LazyRoot, _shell, app
    from vareflyt.cli.lazy_root import lazy_root

    root = lazy_root(_shell(LazyRoot), app)
    whole = get_command(app)
    ctx = root.make_context("vareflyt", [], resilient_parsing=True)
    assert root.list_commands(ctx) == whole.list_commands(ctx)  # type: ignore[attr-defined]
    for name in root.list_commands(ctx):
        built = root.get_command(ctx, name)
        assert built is not None and type(built) is type(whole.commands[name])  # type: ignore[attr-defined]
        assert sorted(getattr(built, "commands", {})) == sorted(getattr(whole.commands[name], "commands", {}))  # type: ignore[attr-defined]
