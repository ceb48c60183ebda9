"""Questions to the user: a file, a value, a choice from a list, a yes/no; opening a file or a
sheet; a message.

``ExcelUI`` asks through Excel: a file with Excel's own open dialog and a value with an input
box (the ``AskFile``/``AskText`` functions of the add-in's VBA module, run with xlwings'
``app.macro``), a choice from a list with a Tk list dialog on top of Excel (Excel's input box
holds 255 characters, too few for a list of suppliers; typing a value there is the fallback),
yes/no and messages with xlwings' ``app.alert``. ``ScriptedUI`` answers from
a dict, for tests and scripted runs. A cancelled question raises ``Cancelled``: the button
then stops without a message and without changing anything.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol

from ..domain.issues import UsageError

ADDIN_NAME = "vareflyt.xlam"
MACROS = ("AskFile", "AskText")  # functions of addin/vba/vareflyt.bas that Python calls


class Cancelled(Exception):
    """The user cancelled a question."""


class UI(Protocol):
    def ask_file(self, title: str) -> Path: ...
    def ask_text(self, prompt: str, title: str, default: str = "") -> str: ...
    def ask_choice(self, prompt: str, title: str, choices: list[str]) -> str: ...
    def confirm(self, text: str) -> None: ...
    def open_path(self, path: Path) -> None: ...
    def show_sheet(self, book: Any, name: str) -> None: ...
    def message(self, text: str) -> None: ...


def _existing_file(answer: str | os.PathLike | None) -> Path:
    if answer is None or str(answer).strip() in ("", "False"):
        raise Cancelled()
    path = Path(str(answer).strip())
    if not path.is_file():
        raise UsageError(f"Fant ikke filen {path}. Velg filen på nytt.")
    return path


class ScriptedUI:
    """Answers from ``answers`` (``file``, ``supplier``, ``confirm``); records what it was
    asked to show or open. A question without an answer is a bug in the caller: KeyError."""

    def __init__(self, answers: Mapping[str, Any] | None = None):
        self.answers = dict(answers or {})
        self.opened: list[Path] = []
        self.sheets: list[str] = []
        self.messages: list[str] = []
        self.offered: list[str] = []  # the choices of the last ``ask_choice``

    def ask_file(self, title: str) -> Path:
        return _existing_file(self.answers["file"])

    def ask_text(self, prompt: str, title: str, default: str = "") -> str:
        answer = self.answers["supplier"]
        if answer is None:
            raise Cancelled()
        return str(answer)

    def ask_choice(self, prompt: str, title: str, choices: list[str]) -> str:
        """The ``supplier`` answer: one of ``choices``, or text typed instead."""
        self.offered = list(choices)
        return self.ask_text(prompt, title)

    def confirm(self, text: str) -> None:
        if not self.answers.get("confirm", False):
            raise Cancelled()

    def open_path(self, path: Path) -> None:
        self.opened.append(Path(path))

    def show_sheet(self, book: Any, name: str) -> None:
        self.sheets.append(name)

    def message(self, text: str) -> None:
        self.messages.append(text)


class ExcelUI:
    """Questions through the Excel application of ``book`` (an ``xlwings.Book``)."""

    def __init__(self, book: Any):
        self.book, self.app = book, book.app

    def _macro(self, name: str, *args: str) -> Any:
        """Run one of the add-in's VBA functions; if Excel refuses (it may not run a macro
        while RunPython waits), ask with a Tk dialog on top of Excel instead."""
        try:
            return self.app.macro(f"'{ADDIN_NAME}'!vareflyt.{name}")(*args)
        except Exception:  # noqa: BLE001 - any failure of the Excel route: use the fallback
            return tk_fallback(name, *args)

    def ask_file(self, title: str) -> Path:
        return _existing_file(self._macro("AskFile", title))

    def ask_text(self, prompt: str, title: str, default: str = "") -> str:
        answer = self._macro("AskText", prompt, title, default)
        if not answer:
            raise Cancelled()
        return str(answer)

    def ask_choice(self, prompt: str, title: str, choices: list[str]) -> str:
        try:
            answer = tk_choice(prompt, title, choices)
        except Exception:  # noqa: BLE001 - no Tk here: the user types the name or GLN instead
            return self.ask_text(prompt, title)
        if not answer:
            raise Cancelled()
        return answer

    def confirm(self, text: str) -> None:
        if self.app.alert(text, title="Vareflyt", buttons="yes_no") != "yes":
            raise Cancelled()

    def open_path(self, path: Path) -> None:
        if sys.platform.startswith("win"):
            os.startfile(str(path))  # type: ignore[attr-defined]  # noqa: S606 - the user's own file
        else:
            subprocess.Popen(["open" if sys.platform == "darwin" else "xdg-open", str(path)])

    def show_sheet(self, book: Any, name: str) -> None:
        target = getattr(book, "book", None)  # the xlwings adapter keeps its xlwings.Book
        if target is not None and name in [s.name for s in target.sheets]:
            target.sheets[name].activate()

    def message(self, text: str) -> None:
        self.app.alert(text, title="Vareflyt")


def tk_fallback(name: str, *args: str) -> str | None:
    """``AskFile(title)`` / ``AskText(prompt, title, default)`` with Tk's standard dialogs."""
    import tkinter
    from tkinter import filedialog, simpledialog

    root = tkinter.Tk()
    root.withdraw()
    root.attributes("-topmost", True)
    try:
        if name == "AskFile":
            return filedialog.askopenfilename(parent=root, title=args[0]) or None
        return simpledialog.askstring(args[1], args[0], initialvalue=args[2], parent=root)
    finally:
        root.destroy()


def tk_choice(prompt: str, title: str, choices: list[str]) -> str | None:
    """A list to pick from (double-click or OK) with a field to type in instead; None if cancelled."""
    import tkinter

    root = tkinter.Tk()
    root.title(title)
    root.attributes("-topmost", True)
    picked: dict[str, str] = {}
    tkinter.Label(root, text=prompt, justify="left").pack(padx=10, pady=(10, 4), anchor="w")
    listbox = tkinter.Listbox(root, width=60, height=min(max(len(choices), 3), 15))
    for choice in choices:
        listbox.insert("end", choice)
    listbox.pack(padx=10, fill="both", expand=True)
    typed = tkinter.Entry(root, width=60)
    typed.pack(padx=10, pady=4, fill="x")

    def ok(_event=None):
        chosen = listbox.curselection()
        picked["answer"] = typed.get().strip() or (choices[chosen[0]] if chosen else "")
        root.destroy()

    listbox.bind("<Double-Button-1>", ok)
    root.bind("<Return>", ok)
    buttons = tkinter.Frame(root)
    tkinter.Button(buttons, text="OK", width=10, command=ok).pack(side="left", padx=4)
    tkinter.Button(buttons, text="Avbryt", width=10, command=root.destroy).pack(side="left", padx=4)
    buttons.pack(pady=(4, 10))
    root.mainloop()
    return picked.get("answer") or None
