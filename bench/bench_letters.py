"""Benchmark: dunning letters per second, and one combined PDF for printing.

Run: ``.venv/bin/python bench/bench_letters.py [letters]`` (default 300). The notices are those
of ``bench_dunning.py`` (generated customers and invoices, run date 2026-03-02), in both
languages as the customers have them. Measured:

* *write_html* (the anchor): the same letter's HTML through fpdf2's ``write_html`` on an A4
  page in Windows-1252 Helvetica, the way letters were made before issue 12 (``letters.pdf``,
  since removed; ``_write_html_pdf`` below is its core);
* *layout*: ``letters.notice.render_letter`` — the same HTML plus the PDF drawn at fixed
  positions (address in the envelope window);
* *combine*: all the layout PDFs into one with ``letters.notice.combine``.
"""

from __future__ import annotations

import os
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_dunning import ON, generate  # noqa: E402

from vareflyt.config.company import parse as parse_company  # noqa: E402
from vareflyt.domain.receivables import Level  # noqa: E402
from vareflyt.jobs.rates import shipped_rates  # noqa: E402
from vareflyt.letters.notice import combine, render_letter  # noqa: E402
from vareflyt.letters.render import render_notice  # noqa: E402
from vareflyt.rules.dunning import DEFAULT_POLICY, plan_notices  # noqa: E402

COMPANY = parse_company({"name": "Byggevare Ærlig AS", "orgnr": "923609016", "bank_account": "12345678903",
                         "address": "Industriveien 5", "postcode": "7080", "city": "Heimdal",
                         "email": "post@byggevare.example", "phone": "73 00 00 00"})


def _write_html_pdf(html: str) -> bytes:
    """The letter's HTML body through fpdf2's ``write_html`` (the anchor)."""
    from fpdf import FPDF

    match = re.search(r"<body[^>]*>(.*)</body>", html, re.S | re.I)
    body = (match.group(1) if match else html).strip().encode("windows-1252", "replace").decode("windows-1252")
    pdf = FPDF(format="A4")
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.write_html(body)
    return bytes(pdf.output())


def _time(make, notices) -> tuple[list[float], list]:
    times, results = [], []
    for notice in notices:
        start = time.perf_counter()
        results.append(make(notice))
        times.append(time.perf_counter() - start)
    return times, results


def _line(name: str, times: list[float]) -> str:
    p95 = sorted(times)[int(len(times) * 0.95) - 1]
    return (f"{name}: {len(times)} letters, median {statistics.median(times) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms, "
            f"{len(times) / sum(times):.0f} letters/s")


def main(count: int = 300) -> int:
    customers, invoices = generate()
    plan = plan_notices(invoices, customers, DEFAULT_POLICY, ON, shipped_rates())
    notices = [n for n in plan.notices if n.level is not Level.COLLECTION][:count]
    render_letter(notices[0], COMPANY, language="nb", deadline_days=14)          # templates compiled, fonts loaded
    _write_html_pdf(render_notice(notices[0], COMPANY, language="nb", deadline_days=14))
    print(f"load average: {os.getloadavg()[0]:.2f}")
    old, _ = _time(lambda n: _write_html_pdf(render_notice(n, COMPANY, language=n.customer.language,
                                                           deadline_days=14)), notices)
    new, letters = _time(lambda n: render_letter(n, COMPANY, language=n.customer.language, deadline_days=14), notices)
    start = time.perf_counter()
    combined = combine([letter.pdf for letter in letters])
    joined = time.perf_counter() - start
    print(f"load average: {os.getloadavg()[0]:.2f}")
    print(_line("write_html (anchor)", old))
    print(_line("layout (render_letter)", new))
    print(f"layout / write_html (median): {statistics.median(new) / statistics.median(old):.2f}")
    print(f"combine: {len(letters)} letters into one PDF in {joined:.2f} s ({joined / len(letters) * 1000:.1f} ms a "
          f"letter, {len(combined) // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 300))
