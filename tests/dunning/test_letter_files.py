"""Safe letters: names that never collide or leave their folder, nothing that looks sent after a
killed run, one run at a time, and a collection file a spreadsheet cannot run."""

import csv
import io
import json
import signal
import subprocess
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from vareflyt.domain.receivables import Customer, InvoiceCharge, Level, Notice
from vareflyt.jobs.import_receivables import import_receivables
from vareflyt.jobs.letter_files import collection_csv
from vareflyt.jobs.run_dunning import run_dunning
from vareflyt.workspace import Workspace, init_workspace

ON = date(2026, 3, 10)
POSIX = pytest.mark.skipif(sys.platform.startswith("win"), reason="SIGKILL is POSIX")
# customer numbers as accounting systems have them: with a slash, a space, an underscore, dots
EXPORT = (
    "Kundenr;Kundenavn;Kundetype;Fakturanr;Fakturadato;Forfallsdato;Beløp\r\n"
    "77/1;Bygg Øst AS;Privat;9101;15.02.2026;02.03.2026;1 000,00\r\n"
    "77 1;Bygg Vest AS;Privat;9102;15.02.2026;02.03.2026;2 000,00\r\n"
    "77_1;Bygg Nord AS;Privat;9103;15.02.2026;02.03.2026;3 000,00\r\n"
    "../../x;Punktum AS;Privat;9104;15.02.2026;02.03.2026;4 000,00\r\n"
)


def _workspace(root: Path) -> Path:
    ws = init_workspace(root)
    export = root.parent / f"{root.name}.csv"
    export.write_bytes(EXPORT.encode("utf-8"))
    assert import_receivables(ws, export, as_of=ON).ok
    ws.close()
    return root


def _letters(root: Path) -> list[Path]:
    return sorted(p for p in (root / "letters").rglob("*.pdf") if ".staging" not in p.parts)


def test_customers_whose_numbers_slug_alike_get_their_own_letters(tmp_path):
    root = _workspace(tmp_path / "ws")
    ws = Workspace(root)
    try:
        result = run_dunning(ws, on=ON)
    finally:
        ws.close()
    letters = {r["customer"]: root / r["letter"] for r in result.extra["reminders"]}
    assert len(set(letters.values())) == 4
    for path in letters.values():
        assert path.parent == root / "letters" / ON.isoformat() and path.is_file()
        assert path.name.endswith("-paminnelse.pdf")
    import pypdf

    for customer, name in (("77/1", "Bygg Øst AS"), ("77 1", "Bygg Vest AS"), ("77_1", "Bygg Nord AS")):
        text = "".join(p.extract_text() for p in pypdf.PdfReader(letters[customer]).pages)
        assert name in text
    # the print file holds all four letters; nothing was written outside letters/
    assert (root / result.extra["print_file"]).is_file()
    assert not (tmp_path / "x").exists() and not list(tmp_path.glob("*.pdf"))


def _child(root: Path, patch: str, *args: str) -> subprocess.CompletedProcess:
    code = (
        "import os, signal, sys, time\n"
        "from datetime import date\n"
        "import vareflyt.jobs.run_dunning as job\n"
        f"{patch}\n"
        "from vareflyt.cli.app import main\n"
        "sys.argv[0] = 'vareflyt'\n"
        "main()\n"
    )
    return subprocess.run(
        [
            sys.executable,
            "-c",
            code,
            "dunning",
            "run",
            "--workspace",
            str(root),
            "--date",
            ON.isoformat(),
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )


@POSIX
@pytest.mark.sqlite_only("vareflyt runs in a subprocess on the same workspace, which uses its SQLite file")
def test_a_run_killed_before_its_commit_leaves_nothing_that_looks_sent(tmp_path):
    root = _workspace(tmp_path / "ws")
    killed = _child(root, "job.repo.record_events = lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL)")
    assert killed.returncode == -signal.SIGKILL
    assert _letters(root) == []  # rendered, but only in staging
    assert list((root / "letters" / ".staging").rglob("*.pdf"))
    again = _child(root, "", "--json")
    assert again.returncode == 0, again.stderr
    payload = json.loads(again.stdout)
    assert len(payload["reminders"]) == 4 and "dunning.recovered" in {i["code"] for i in payload["issues"]}
    assert len(_letters(root)) == 5  # four letters and the print file, once each
    assert not (root / "letters" / ".staging").exists()


@POSIX
@pytest.mark.sqlite_only("vareflyt runs in a subprocess on the same workspace, which uses its SQLite file")
def test_a_run_killed_after_its_commit_is_finished_by_the_next(tmp_path):
    root = _workspace(tmp_path / "ws")
    killed = _child(root, "job.LetterFiles.promote = lambda self: os.kill(os.getpid(), signal.SIGKILL)")
    assert killed.returncode == -signal.SIGKILL and _letters(root) == []
    again = _child(root, "", "--json")
    payload = json.loads(again.stdout)
    assert payload["reminders"] == []  # recorded: nothing is sent twice
    recorded = sorted(p.name for p in _letters(root))
    assert len(recorded) == 5 and not (root / "letters" / ".staging").exists()


@POSIX
@pytest.mark.sqlite_only("vareflyt runs in a subprocess on the same workspace, which uses its SQLite file")
def test_two_runs_at_once_one_waits_or_stops_with_a_message(tmp_path):
    root = _workspace(tmp_path / "ws")
    code = (
        "import sys, time\nfrom datetime import date\nimport vareflyt.jobs.dunning_letters as job\n"
        "slow = job._render\njob._render = lambda *a: (time.sleep(1.5), slow(*a))[1]\n"
        "from vareflyt.cli.app import main\nsys.argv[0] = 'vareflyt'\nmain()\n"
    )
    first = subprocess.Popen(
        [
            sys.executable,
            "-c",
            code,
            "dunning",
            "run",
            "--workspace",
            str(root),
            "--date",
            ON.isoformat(),
            "--json",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    info = root / ".vareflyt" / "batch.lock.json"
    for _ in range(200):
        if info.exists() and json.loads(info.read_text(encoding="utf-8")).get("pid") == first.pid:
            break
        time.sleep(0.05)
    second = _child(root, "")
    assert second.returncode == 2, second.stdout + second.stderr
    assert "En annen purring pågår" in second.stderr and "Traceback" not in second.stderr
    waiting = _child(root, "", "--wait", "120", "--json")
    out, err = first.communicate(timeout=120)
    assert first.returncode == 0, err
    assert len(json.loads(out)["reminders"]) == 4
    assert waiting.returncode == 0, waiting.stderr
    assert json.loads(waiting.stdout)["reminders"] == []  # it waited, then found nothing new


def test_collection_file_escapes_formula_like_text():
    customer = Customer("=1+1", '=HYPERLINK("http://x";"klikk")', address="@SUM(A1)", email="-5")
    line = InvoiceCharge(
        "+4711",
        ON,
        60,
        Decimal("100.00"),
        Decimal("1.00"),
        Decimal("12.00"),
        ON,
        Decimal("0.00"),
        Decimal("0.00"),
        Decimal("0.00"),
    )
    text = collection_csv([Notice(customer, Level.COLLECTION, ON, ON, (line,))]).decode("utf-8-sig")
    row = list(csv.reader(io.StringIO(text), delimiter=";"))[1]
    assert row[0] == "'=1+1" and row[1].startswith("'=HYPERLINK") and row[4] == "'@SUM(A1)"
    assert row[5] == "'-5" and row[6] == "'+4711" and row[9] == "100.00"
