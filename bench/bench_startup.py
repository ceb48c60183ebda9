"""Benchmark: start-up time of the ``vareflyt`` command (issue 19 item 4).

Run: ``.venv/bin/python bench/bench_startup.py [runs] [--base SRC]``. Times, as the minimum and
median of ``runs`` (default 7) fresh processes each:

* ``python -c pass`` — the anchor: what any Python command costs on this machine right now;
* ``vareflyt --help``;
* ``vareflyt prices lookup`` in a fresh workspace (made by ``vareflyt init`` in a temporary
  folder; no price list, so it answers "no price" after reading the store).

``--base SRC`` also times the same commands with another checkout's ``src`` folder first on
``PYTHONPATH`` (e.g. ``git archive <commit> src | tar -x -C /tmp/base`` → ``--base /tmp/base/src``),
interleaved with today's so both see the same load. The load average is printed with the figures.
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
# The console script's own few lines, so that a checkout without ``vareflyt/__main__.py`` runs too.
VAREFLYT = ["-c", "import sys; sys.argv[0] = 'vareflyt'; from vareflyt.cli.app import main; main()"]


def _run_once(args: list[str], src: str, cwd: Path) -> float:
    env = {**os.environ, "PYTHONPATH": src}
    started = time.perf_counter()
    subprocess.run([PYTHON, *args], cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=False)
    return time.perf_counter() - started


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
        ws = Path(folder) / "ws"
        subprocess.run([PYTHON, "-m", "vareflyt", "init", str(ws)], env={**os.environ, "PYTHONPATH": SRC},
                       stdout=subprocess.DEVNULL, check=True)
        commands = {
            "python -c pass": ["-c", "pass"],
            "vareflyt --help": [*VAREFLYT, "--help"],
            "vareflyt prices lookup": [*VAREFLYT, "prices", "lookup", "--supplier", GLN, "--article", "1"],
        }
        times: dict[tuple[str, str], list[float]] = {}
        print(f"load average before: {os.getloadavg()[0]:.2f}")
        for _ in range(runs):
            for label, command in commands.items():
                for name, src in sources.items():
                    if label == "python -c pass" and name != "today":
                        continue
                    times.setdefault((label, name), []).append(_run_once(command, src, ws))
        print(f"load average after: {os.getloadavg()[0]:.2f}")
    for (label, name), found in times.items():
        print(f"{label:24} {name:6} min {min(found):.3f} s  median {statistics.median(found):.3f} s")


if __name__ == "__main__":
    main()
