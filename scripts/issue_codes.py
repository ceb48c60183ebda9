"""Write docs/issue-codes.md from the issue-code registry, and check the registry against the source.

The registry (``vareflyt.domain.issue_codes``) holds every code with its severity, whether it
needs a person and a description. This script scans the source with ``ast`` for the codes it
uses -- the first argument of the calls that make issues, deviations and batch attention items,
and any other string shaped ``area.reason`` in a registered area -- to add where each code is
raised and the Norwegian text of the call. ``problems()`` lists codes the source uses that are not
registered and registered codes nobody uses (a test runs it).

    python scripts/issue_codes.py           rewrite docs/issue-codes.md
    python scripts/issue_codes.py --check   exit 1 when the page is out of date (writes nothing)
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "vareflyt"
DOC = ROOT / "docs" / "issue-codes.md"
sys.path.insert(0, str(SRC.parent))

from vareflyt.domain.issue_codes import AREAS, REGISTRY, IssueCode  # noqa: E402

CODE = re.compile(r"^[a-z]+(?:_[a-z]+)*\.[a-z0-9_]+$")
FAMILY = re.compile(r"^[a-z]+(?:_[a-z]+)*\.[a-z_]*$")       # the literal start of f"order.{reason}"
ISSUE_CALLS = {"error", "warning", "info", "Issue", "Deviation", "failure", "Problem", "_err", "_note",
               "need", "reject", "problem_issue", "_issue", "issue"}
NOT_ISSUE_CALLS = {"ConfigError", "ForeignKey", "Violation", "getLogger", "event", "files"}
# Strings shaped like codes in registered areas that are not codes: processing-log job names,
# file names and the bank format's name.
NOT_CODES = {"edi.read", "edi.contrl", "dunning.run", "payments.import", "receivables.import", "camt.054",
             "vareflyt.toml", "vareflyt.xlam", "vareflyt.exe", "vareflyt.bas"}


@dataclass
class Usage:
    """Where the source uses each code, and the text of the first call that raises it."""

    modules: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    raised: set[str] = field(default_factory=set)             # first argument of an issue call
    messages: dict[str, str] = field(default_factory=dict)
    families: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))   # f"area.{x}"


def _text(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "…" for v in node.values)
    return None


def _call(node: ast.Call, module: str, usage: Usage, skipped: set[int]) -> None:
    name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
    first = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "code"), None)
    if first is None:
        return
    if name in NOT_ISSUE_CALLS:
        skipped.add(id(first))
    code = _text(first) if isinstance(first, ast.Constant) else None
    if name in ISSUE_CALLS and code and CODE.match(code):
        usage.raised.add(code)
        message = _text(node.args[1]) if len(node.args) > 1 else None
        if message and code not in usage.messages:
            usage.messages[code] = " ".join(message.split())


def scan(src: Path = SRC) -> Usage:
    usage = Usage()
    for path in sorted(src.rglob("*.py")):
        module = ".".join(path.relative_to(src.parent).with_suffix("").parts).removeprefix("vareflyt.")
        if module.startswith("domain.issue_codes"):
            continue
        skipped: set[int] = set()
        nodes = list(ast.walk(ast.parse(path.read_text(encoding="utf-8"))))
        for node in nodes:
            if isinstance(node, ast.Call):
                _call(node, module, usage, skipped)
            elif isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
                skipped.update(id(v) for v in node.values)          # parts of an f-string are no codes
                start = str(node.values[0].value)
                if FAMILY.match(start) and start.split(".")[0] in AREAS:
                    usage.families[start].add(module)
        for node in nodes:
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skipped:
                value = node.value
                if CODE.match(value) and value not in NOT_CODES and (
                        value in usage.raised or value.split(".")[0] in AREAS):
                    usage.modules[value].add(module)
    return usage


def _family_modules(code: str, usage: Usage) -> set[str]:
    return {m for start, mods in usage.families.items() if code.startswith(start) for m in mods}


def problems(usage: Usage | None = None) -> tuple[list[str], list[str]]:
    """(codes the source uses that are not registered, registered codes the source never uses)."""
    usage = usage or scan()
    used = set(usage.modules) | usage.raised
    unregistered = sorted(used - set(REGISTRY))
    unused = sorted(c for c in REGISTRY if c not in used and not _family_modules(c, usage))
    return unregistered, unused


def _person(entry: IssueCode) -> str:
    return "yes" if entry.needs_person else "as error only" if entry.severity.value == "error" else "no"


def render(usage: Usage | None = None) -> str:
    usage = usage or scan()
    lines = ["# Issue codes", "",
             "Every problem vareflyt reports has a code (`--json` prints it as `code`), a severity",
             "(error: the row, segment or document was rejected; warning: taken in, but look at it;",
             "info: for the record) and a place. Invoice-control findings use the letters a–w of the",
             "checklist in DOMAIN.md §2.5 as their `check`.", "",
             "Codes are `area.reason` in English. *Needs a person* says whether the nightly batch puts",
             "the issue on the morning report's list of things a person must do; every error goes there.",
             "Codes marked *Batch* are the batch's own attention items.", "",
             "This page is generated by `python scripts/issue_codes.py` from the registry",
             "(`src/vareflyt/domain/issue_codes/`) and the source.", ""]
    by_area: dict[str, list[IssueCode]] = defaultdict(list)
    for entry in REGISTRY.values():
        by_area[entry.area].append(entry)
    for area in sorted(by_area):
        lines += [f"## {AREAS[area]} (`{area}.*`)", "",
                  "| code | severity | needs a person | description | text (… = filled in) | raised in |",
                  "|---|---|---|---|---|---|"]
        for entry in by_area[area]:
            message = usage.messages.get(entry.code, "").replace("|", "\\|")[:160]
            where = ", ".join(sorted(usage.modules.get(entry.code, set()) | _family_modules(entry.code, usage)))
            lines.append(f"| `{entry.code}` | {entry.severity.value} | {_person(entry)} | {entry.description} "
                         f"| {message} | {where} |")
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write docs/issue-codes.md from the issue-code registry.")
    parser.add_argument("--check", action="store_true", help="only check that the page is current; write nothing")
    args = parser.parse_args(argv)
    usage = scan()
    unregistered, unused = problems(usage)
    for code in unregistered:
        print(f"not registered: {code}", file=sys.stderr)
    for code in unused:
        print(f"registered but not used: {code}", file=sys.stderr)
    text = render(usage)
    if args.check:
        current = DOC.read_text(encoding="utf-8") == text
        print(f"{DOC}: {'current' if current else 'out of date'}")
        return 0 if current and not (unregistered or unused) else 1
    DOC.write_text(text, encoding="utf-8")
    print(f"{DOC}: {len(REGISTRY)} codes")
    return 1 if unregistered or unused else 0


if __name__ == "__main__":
    sys.exit(main())
