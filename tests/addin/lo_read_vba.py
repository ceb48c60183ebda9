"""Read the VBA modules of ``.xlam`` files with LibreOffice: the add-in's second reader.

Run with the *system* Python, which has LibreOffice's ``uno`` module (a virtual environment's
Python cannot import it): ``/usr/bin/python3 lo_read_vba.py PROFILE_DIR FILE.xlam ...``.
Starts one headless ``soffice`` with a private profile in ``PROFILE_DIR``, opens every file
with the filter "Calc MS Excel 2007 VBA XML" (LibreOffice does not detect ``.xlam`` by
itself), and prints JSON ``{file: {library: {module: source}}}`` (``{file: null}`` when it
could not open the file). soffice is stopped afterwards, whatever happened, and killed (with
this script) when the whole run takes longer than ``DEADLINE_SECONDS``.
Imports ``uno`` inside ``main`` only, so pytest can collect this file under any Python.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

FILTER = "Calc MS Excel 2007 VBA XML"
CONNECT_SECONDS = 40
DEADLINE_SECONDS = 90  # then soffice is killed and this script exits 3 (the test waits longer)


def main(profile: Path, files: list[Path]) -> dict:
    import uno
    from com.sun.star.beans import PropertyValue

    def prop(name, value):
        p = PropertyValue()
        p.Name, p.Value = name, value
        return p

    pipe = f"vareflyt_{uuid.uuid4().hex}"
    office = subprocess.Popen(
        [
            "soffice",
            "--headless",
            "--invisible",
            "--nologo",
            "--norestore",
            "--nodefault",
            "--nolockcheck",
            f"-env:UserInstallation={profile.resolve().as_uri()}",
            f"--accept=pipe,name={pipe};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    watchdog = threading.Timer(DEADLINE_SECONDS, _give_up, (office,))
    watchdog.daemon = True
    watchdog.start()
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        started = time.monotonic()
        while True:
            try:
                ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:  # noqa: BLE001 - soffice not listening yet
                if time.monotonic() - started > CONNECT_SECONDS or office.poll() is not None:
                    raise SystemExit("soffice did not start") from None
                time.sleep(0.3)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        found: dict = {}
        for path in files:
            doc = desktop.loadComponentFromURL(
                uno.systemPathToFileUrl(str(path.resolve())),
                "_blank",
                0,
                (prop("FilterName", FILTER), prop("Hidden", True)),
            )
            if doc is None:
                found[str(path)] = None
                continue
            try:
                libraries = {}
                for name in doc.BasicLibraries.getElementNames():
                    doc.BasicLibraries.loadLibrary(name)
                    library = doc.BasicLibraries.getByName(name)
                    libraries[name] = {m: library.getByName(m) for m in library.getElementNames()}
                found[str(path)] = libraries
            finally:
                doc.close(True)
        try:
            desktop.terminate()
        except Exception:  # noqa: BLE001 - the bridge goes away as soffice exits
            pass
        return found
    finally:
        watchdog.cancel()
        _stop(office)


def _end_group(office: subprocess.Popen, pause: float) -> None:
    """End soffice's whole process group: TERM, then KILL if it is still there after ``pause``."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(office.pid, sig)
        except ProcessLookupError:
            return
        time.sleep(pause)


def _give_up(office: subprocess.Popen) -> None:
    """A hung soffice: end it and this script, so no LibreOffice outlives the test."""
    _end_group(office, 1)
    print(f"soffice answered nothing in {DEADLINE_SECONDS} s", file=sys.stderr)
    os._exit(3)


def _stop(office: subprocess.Popen) -> None:
    """Wait briefly for soffice to exit, then end its whole process group (soffice is a
    wrapper that starts ``soffice.bin``)."""
    try:
        office.wait(10)
    except subprocess.TimeoutExpired:
        pass
    _end_group(office, 0.5)


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]), [Path(a) for a in sys.argv[2:]])))
