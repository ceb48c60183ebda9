"""A file still being uploaded when the batch scans the inbox is left for the next run."""

import os
import threading
import time
from datetime import date

from vareflyt.jobs.nightly import run_batch
from vareflyt.jobs.nightly.inbox import still_arriving


def _grow(path, stop: threading.Event) -> None:
    with open(path, "ab") as fh:
        while not stop.is_set():
            fh.write(b"LIN+1++7000000000003:SRV'")
            fh.flush()
            time.sleep(0.05)


def test_a_growing_file_is_seen_arriving_and_a_quiet_one_is_not(tmp_path):
    quiet, growing, old = tmp_path / "quiet.edi", tmp_path / "growing.edi", tmp_path / "old.edi"
    quiet.write_bytes(b"UNA:+.? 'UNB+UNOC:3+x'")
    old.write_bytes(b"UNA:+.? 'UNB+UNOC:3+x'")
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    stop = threading.Event()
    worker = threading.Thread(target=_grow, args=(growing, stop))
    worker.start()
    try:
        time.sleep(0.1)
        assert still_arriving([quiet, growing, old], wait=0.3) == {growing}
    finally:
        stop.set()
        worker.join()
    assert still_arriving([old]) == set()  # nothing recent: no wait at all


def test_the_batch_leaves_an_arriving_file_in_the_inbox(workspace):
    path = workspace.inbox / "INVOIC_opplasting.edi"
    path.write_bytes(b"UNA:+.? 'UNB+UNOC:3+7080000000029:14+7080000000012:14+261120:0100+1'")
    stop = threading.Event()
    worker = threading.Thread(target=_grow, args=(path, stop))
    worker.start()
    try:
        result = run_batch(workspace, on=date(2026, 11, 20))
    finally:
        stop.set()
        worker.join()
    assert path.exists() and not list(workspace.quarantine.glob("*INVOIC_opplasting*"))
    assert any("skrives fortsatt" in n["message"] for n in result.extra["notes"])
    assert not any(a.get("file") == path.name for a in result.extra["attention"])
