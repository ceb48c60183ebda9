"""Benchmark: start-up time of the ``vareflyt`` command (issue 19 item 4).

Run: ``.venv/bin/python bench/bench_startup.py [runs] [--base SRC]``. Times, as the minimum and
median of ``runs`` (default 7) fresh processes each:

* ``python -c pass`` — the anchor: what any Python command costs on this machine right now;
* ``vareflyt --help``;
* ``vareflyt prices lookup`` in a fresh workspace (made by ``vareflyt init`` in a temporary
  folder; no price list, so it answers "no price" after reading the store);
* the same lookup of an article that has a price (a three-row price list imported, untimed,
  into a second workspace), found by its NOBB number.

Each source gets its own workspaces, made by its own ``vareflyt init`` (a store made by newer
code can be at a migration level older code does not know).

``--base SRC`` also times the same commands with another checkout's ``src`` folder first on
``PYTHONPATH`` (e.g. ``git archive <commit> src | tar -x -C /tmp/base`` → ``--base /tmp/base/src``),
interleaved with today's so both see the same load. The load average is printed with the figures,
and beside each wall time the process's CPU time (user + system, from ``os.times`` of the
children): on a machine whose other users keep both cores busy, the wall time is mostly waiting
for a core, while the CPU time stays close to what a quiet machine's wall time would be.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PYTHON = sys.executable
SRC = str(Path(__file__).resolve().parent.parent / "src")
GLN = "7080000000029"
PRICES_CSV = ("Varenr;EAN;NOBB-nr;Varenavn;Enhet;Bruttopris;Rabatt %;Nettopris\n"
              "A1;7031234000019;12345678;Plank 48x98;m;100,50;10;90,45\n"
              "A2;7031234000026;23456789;Lekt 23x48;m;20,00;0;20,00\n"
              "A3;7031234000033;34567890;Spiker 2,8;pk;50,00;0;50,00\n")
# The console script's own few lines, so that a checkout without ``vareflyt/__main__.py`` runs too.
VAREFLYT = ["-c", "import sys; sys.argv[0] = 'vareflyt'; from vareflyt.cli.app import main; main()"]


def _workspaces(folder: Path, src: str) -> tuple[Path, Path]:
    """(an empty workspace, one with the price list), made with ``src``'s own code."""
    env = {**os.environ, "PYTHONPATH": src}
    empty, priced = folder / "ws", folder / "priced"
    for ws in (empty, priced):
        subprocess.run([PYTHON, "-m", "vareflyt", "init", str(ws)], env=env, stdout=subprocess.DEVNULL,
                       check=True)
    prices = folder / "priser.csv"
    prices.write_text(PRICES_CSV, encoding="cp1252")
    subprocess.run([PYTHON, "-m", "vareflyt", "prices", "import", str(prices), "--supplier", GLN,
                    "--valid-from", "2026-01-01", "--workspace", str(priced)], env=env,
                   stdout=subprocess.DEVNULL, check=True)
    return empty, priced


def _run_once(args: list[str], src: str, cwd: Path) -> tuple[float, float]:
    """(wall time, CPU time) of one fresh process."""
    env = {**os.environ, "PYTHONPATH": src}
    before = os.times()
    started = time.perf_counter()
    subprocess.run([PYTHON, *args], cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=False)
    wall = time.perf_counter() - started
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return wall, cpu


def main() -> None:
    args = sys.argv[1:]
    base = None
    if "--base" in args:
        at = args.index("--base")
        base = args[at + 1]
        del args[at:at + 2]
    runs = int(args[0]) if args else 7
    sources = {"today": SRC, **({"base": base} if base else {})}
    with tempfile.TemporaryDirectory() as folder:
        spaces = {}
        for name, src in sources.items():
            (Path(folder) / name).mkdir()
            spaces[name] = _workspaces(Path(folder) / name, src)
        lookup = [*VAREFLYT, "prices", "lookup", "--supplier", GLN]
        commands = {   # label -> (arguments, which workspace: 0 empty, 1 with prices)
            "python -c pass": (["-c", "pass"], 0),
            "vareflyt --help": ([*VAREFLYT, "--help"], 0),
            "vareflyt prices lookup": ([*lookup, "--article", "1"], 0),
            "prices lookup, found": ([*lookup, "--article", "23456789", "--date", "2026-03-01"], 1),
        }
        times: dict[tuple[str, str], list[tuple[float, float]]] = {}
        print(f"load average before: {os.getloadavg()[0]:.2f}")
        for _ in range(runs):
            for label, (command, which) in commands.items():
                for name, src in sources.items():
                    if label == "python -c pass" and name != "today":
                        continue
                    times.setdefault((label, name), []).append(_run_once(command, src, spaces[name][which]))
        print(f"load average after: {os.getloadavg()[0]:.2f}")
    for (label, name), found in times.items():
        walls, cpus = [w for w, _ in found], [c for _, c in found]
        print(f"{label:24} {name:6} min {min(walls):.3f} s  median {statistics.median(walls):.3f} s   "
              f"CPU min {min(cpus):.3f} s  median {statistics.median(cpus):.3f} s")


if __name__ == "__main__":
    main()
