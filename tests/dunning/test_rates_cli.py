"""``vareflyt rates show`` and ``vareflyt rates add`` through the CLI.

The workspace ``rates.toml`` files are written here by hand, as a bookkeeper would type them in
Notepad (comments, CRLF line endings, a byte order mark); expected figures are worked out by
hand from the shipped table (inkassosats 750 kr: purregebyr 750/20 = 37,50, betalingsoppfordring
3 x 37,50 = 112,50).
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from vareflyt.cli.app import app
from vareflyt.cli.common import out_console
from vareflyt.jobs.rates import load_rate_sources, load_rates
from vareflyt.workspace import init_workspace

runner = CliRunner()

OWN_RATES = """\
# Våre egne satser (lagt inn av regnskapsføreren)
# Sjekket mot regjeringen.no

[[half_year]]
start = 2026-07-01
interest = "12,25"
# tallet er fra pressemeldingen
compensation = "460"
source = "regjeringen.no, sjekket av Kari"
confirmed = true

# Neste år:
[[inkassosats]]
start = 2027-01-01
amount = "760"
source = "Lovdata"
confirmed = false
# slutt
"""


@pytest.fixture(scope="module")
def ws_dir(tmp_path_factory):
    return init_workspace(tmp_path_factory.mktemp("rates") / "ws").root


@pytest.fixture
def ws(ws_dir):
    (ws_dir / "rates.toml").unlink(missing_ok=True)
    (ws_dir / "rates.bak.toml").unlink(missing_ok=True)
    return ws_dir


def run(ws, *args):
    return runner.invoke(app, ["rates", *args, "--workspace", str(ws)])


def show_json(ws, on="2026-11-20"):
    result = run(ws, "show", "--json", "--date", on)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def by_start(rows):
    return {r["start"]: r for r in rows}


def test_show_without_workspace_file_json_contract(ws):
    data = show_json(ws)
    assert set(data) == {
        "ok",
        "counts",
        "issues",
        "outputs",
        "date",
        "workspace_file",
        "workspace_file_exists",
        "today",
        "half_years",
        "inkassosats",
        "fee_rules",
    }
    assert data["ok"] is True and data["outputs"] == [] and data["workspace_file_exists"] is False
    assert data["counts"] == {"half_years": 15, "inkassosatser": 11, "unconfirmed": 2, "from_workspace": 0}
    halves = by_start(data["half_years"])
    assert halves["2023-07-01"] == {
        "start": "2023-07-01",
        "end": "2023-12-31",
        "interest": "11.75",
        "compensation": "460.00",
        "compensation_in_force": "460.00",
        "confirmed": True,
        "source": halves["2023-07-01"]["source"],
        "origin": "vareflyt",
    }
    assert (
        halves["2024-07-01"]["compensation"] is None
        and halves["2024-07-01"]["compensation_in_force"] == "470.00"
    )
    assert halves["2024-07-01"]["confirmed"] is False
    sats = by_start(data["inkassosats"])["2026-01-01"]
    assert (sats["amount"], sats["reminder_fee"], sats["betalingsoppfordring_fee"], sats["confirmed"]) == (
        "750.00",
        "37.50",
        "112.50",
        True,
    )
    assert (sats["reminder_fraction"], sats["betalingsoppfordring_fraction"]) == ("1/20", "3/20")
    assert [r["fraction"] for r in data["fee_rules"]] == ["1/10", "1/20"]
    # every number is a string, every row says where it comes from
    for row in [*data["half_years"], *data["inkassosats"], *data["fee_rules"]]:
        assert row["origin"] == "vareflyt"
        assert all(isinstance(v, (str, bool)) or v is None for v in row.values())
    # 20.11.2026 is in a half-year the table does not have
    assert data["today"] == {
        "half_year_start": "2026-07-01",
        "half_year_end": "2026-12-31",
        "missing": True,
        "interest": None,
        "confirmed": None,
        "compensation_in_force": None,
        "interest_through": "2026-06-30",
    }
    [issue] = data["issues"]
    assert issue["code"] == "rate_table.missing_half_year" and issue["severity"] == "warning"
    assert "01.07.2026–31.12.2026 mangler" in issue["message"]
    assert "til og med 30.06.2026" in issue["message"]
    assert "vareflyt rates add --from 2026-07-01 --interest PROSENT" in issue["message"]


def test_show_text_in_norwegian_with_decimal_comma(ws, monkeypatch):
    monkeypatch.setattr(out_console, "width", 400)
    result = run(ws, "show", "--date", "2026-11-20")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Arbeidsmappen har ingen egen rates.toml" in out
    assert (
        "(20.11.2026) er i halvåret 01.07.2026–31.12.2026. Forsinkelsesrenten for dette halvåret mangler."
        in out
    )
    assert "rates.toml: Forsinkelsesrenten for halvåret 01.07.2026–31.12.2026 mangler" in out
    line_2023 = next(line for line in out.splitlines() if "01.07.2023" in line)
    assert "11,75 %" in line_2023 and "460,00 kr" in line_2023 and " ja " in line_2023
    line_2024 = next(line for line in out.splitlines() if "01.07.2024" in line)
    assert "som før (470,00 kr)" in line_2024 and " nei " in line_2024
    line_sats = next(line for line in out.splitlines() if "01.01.2026" in line and "750,00 kr" in line)
    assert "37,50 kr" in line_sats and "112,50 kr" in line_sats
    assert "12.50" not in out and "Traceback" not in result.output


def test_show_with_workspace_file_marks_its_rows(ws):
    (ws / "rates.toml").write_text(OWN_RATES, encoding="utf-8")  # "12,25" typed with a comma
    data = show_json(ws)
    assert data["workspace_file_exists"] is True and data["workspace_file"] == str(ws / "rates.toml")
    assert data["counts"]["from_workspace"] == 2 and data["counts"]["half_years"] == 16
    own = by_start(data["half_years"])["2026-07-01"]
    assert (own["interest"], own["compensation"], own["confirmed"], own["origin"]) == (
        "12.25",
        "460.00",
        True,
        "workspace",
    )
    assert by_start(data["half_years"])["2026-01-01"]["origin"] == "vareflyt"
    sats = by_start(data["inkassosats"])["2027-01-01"]
    assert (sats["reminder_fee"], sats["betalingsoppfordring_fee"], sats["origin"]) == (
        "38.00",
        "114.00",
        "workspace",
    )
    assert data["today"]["missing"] is False and data["today"]["interest"] == "12.25"
    assert data["issues"] == []
    text = run(ws, "show", "--date", "2026-11-20").stdout
    assert "Forsinkelsesrente 12,25 % (bekreftet), standardkompensasjon 460,00 kr." in text
    # in 2027 the workspace's inkassosats is used, and it is not confirmed
    later = show_json(ws, "2027-02-01")
    assert {i["code"] for i in later["issues"]} == {"rate_table.missing_half_year", "rate_table.unconfirmed"}
    assert later["today"]["interest_through"] == "2026-12-31"


def test_show_outside_a_workspace_shows_the_shipped_table(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("VAREFLYT_WORKSPACE", raising=False)
    result = runner.invoke(app, ["rates", "show", "--json", "--date", "2025-03-01"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["workspace_file"] is None and data["today"]["interest"] == "12.50" and data["issues"] == []
    named = runner.invoke(app, ["rates", "show", "--workspace", str(tmp_path / "nope")])
    assert named.exit_code == 2 and "vareflyt-arbeidsmappe" in named.output


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--from", "2026-07-15", "--interest", "12,25"], "1. januar eller 1. juli"),
        (["--from", "01.02.2027", "--interest", "12,25"], "halvåret den ligger i starter 01.01.2027"),
        (["--from", "2026-07-01", "--interest", "0"], "over 0 og høyst 30 prosent"),
        (["--from", "2026-07-01", "--interest", "-3"], "over 0 og høyst 30 prosent"),
        (["--from", "2026-07-01", "--interest", "30,5"], "over 0 og høyst 30 prosent"),
        (["--from", "2026-07-01", "--interest", "tolv"], "«tolv» er ikke et tall"),
        (["--from", "2026-07-01", "--interest", "1.234,5"], "er ikke et tall"),
        (["--from", "2026-07-01", "--interest", "12,125"], "høyst to"),
        (["--from", "2026-07-01", "--interest", "12,25", "--compensation", "46"], "mellom 100 og 2 000 kr"),
        (["--from", "2026-07-01", "--interest", "12,25", "--compensation", "4600"], "mellom 100 og 2 000 kr"),
        (["--from", "2026-07-01", "--interest", "12,25", "--compensation", "firehundre"], "er ikke et tall"),
        (["--from", "juli", "--interest", "12,25"], "Ugyldig dato for --from"),
    ],
)
def test_add_refuses_bad_input_and_leaves_the_file_alone(ws, args, needle):
    path = ws / "rates.toml"
    path.write_bytes(OWN_RATES.encode("utf-8"))
    before = sorted(p.name for p in ws.iterdir())
    result = run(ws, "add", *args)
    assert result.exit_code == 2
    assert needle in " ".join(result.output.split())
    assert "Traceback" not in result.output
    assert path.read_bytes() == OWN_RATES.encode("utf-8")
    assert sorted(p.name for p in ws.iterdir()) == before  # no temporary or backup file left


def test_add_refused_with_json_gives_the_error_object(ws):
    result = run(ws, "add", "--from", "2026-08-01", "--interest", "12", "--json")
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert data["ok"] is False and "1. januar eller 1. juli" in data["error"]
    assert not (ws / "rates.toml").exists()


def test_add_creates_the_file_with_a_header_and_the_row(ws):
    result = run(
        ws, "add", "--from", "2026-07-01", "--interest", "12,25", "--compensation", "460 kr", "--json"
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    stamp = f"Lagt inn med vareflyt rates add {date.today():%d.%m.%Y}"
    assert data["row"] == {
        "start": "2026-07-01",
        "interest": "12.25",
        "compensation": "460.00",
        "source": stamp,
        "confirmed": True,
    }
    assert (
        data["counts"] == {"added": 1, "replaced": 0}
        and data["created"] is True
        and data["replaced"] is False
    )
    assert data["outputs"] == [str(ws / "rates.toml")]
    text = (ws / "rates.toml").read_text(encoding="utf-8")
    assert text.startswith("# Arbeidsmappens egne satser for purring.")
    row = load_rates(ws).half_years[-1]
    assert (row.start, str(row.interest), str(row.compensation), row.confirmed, row.source) == (
        date(2026, 7, 1),
        "12.25",
        "460",
        True,
        stamp,
    )
    # the run that needed it now finds the half-year
    assert show_json(ws)["today"]["missing"] is False


def test_add_twice_for_the_same_start_replaces_the_row_and_keeps_comments(ws):
    path = ws / "rates.toml"
    path.write_text(OWN_RATES, encoding="utf-8")
    first = run(ws, "add", "--from", "2026-07-01", "--interest", "12.25", "--compensation", "460")
    assert first.exit_code == 0, first.output
    assert "Erstattet halvåret fra 01.07.2026" in first.stdout
    second = run(
        ws,
        "add",
        "--from",
        "2026-07-01",
        "--interest",
        "12,00",
        "--compensation",
        "455",
        "--source",
        'Lovdata "FOR-2026-06-24"',
        "--json",
    )
    assert second.exit_code == 0, second.output
    data = json.loads(second.stdout)
    assert data["replaced"] is True and data["counts"] == {"added": 0, "replaced": 1}
    assert data["previous"]["interest"] == "12.25" and data["previous"]["compensation"] == "460.00"
    assert [i["code"] for i in data["issues"]] == ["rate_table.replaced"]
    assert "var: forsinkelsesrente 12,25 %, standardkompensasjon 460,00 kr" in data["issues"][0]["message"]
    text = path.read_text(encoding="utf-8")
    assert text.count("start = 2026-07-01") == 1 and text.count("[[half_year]]") == 1
    for comment in (
        "# Våre egne satser (lagt inn av regnskapsføreren)",
        "# Sjekket mot regjeringen.no",
        "# tallet er fra pressemeldingen",
        "# Neste år:",
        "# slutt",
    ):
        assert comment in text
    assert 'amount = "760"' in text
    own = load_rate_sources(ws)
    row = next(h for h in own.table.half_years if h.start == date(2026, 7, 1))
    assert (str(row.interest), str(row.compensation), row.source, row.confirmed) == (
        "12.00",
        "455",
        'Lovdata "FOR-2026-06-24"',
        True,
    )
    assert own.own_satser == {date(2027, 1, 1)}  # the other row is still there
    assert "12.25" in (ws / "rates.bak.toml").read_text(encoding="utf-8")  # the version before


def test_add_places_a_new_half_year_after_the_earlier_ones_and_keeps_crlf_and_bom(ws):
    typed = (
        "# satser\r\n"
        '[[half_year]]\r\nstart = 2025-07-01\r\ninterest = "12.25"\r\nsource = "regjeringen.no"\r\n'
        "confirmed = true\r\n\r\n"
        '[[inkassosats]]\r\nstart = 2027-01-01\r\namount = "760"\r\nsource = "Lovdata"\r\n'
    )
    path = ws / "rates.toml"
    path.write_bytes("\ufeff".encode("utf-8") + typed.encode("utf-8"))
    result = run(ws, "add", "--from", "2026-01-01", "--interest", "12", "--compensation", "460")
    assert result.exit_code == 0, result.output
    raw = path.read_bytes().decode("utf-8")
    assert raw.count("\n") == raw.count("\r\n")  # still Windows line endings
    lines = raw.split("\r\n")
    assert (
        lines.index("start = 2025-07-01") < lines.index("start = 2026-01-01") < lines.index("[[inkassosats]]")
    )
    assert {h.start for h in load_rate_sources(ws).table.half_years if h.confirmed} >= {
        date(2025, 7, 1),
        date(2026, 1, 1),
    }


def test_add_replaces_the_row_in_force_when_a_half_year_was_typed_twice(ws):
    twice = (
        '[[half_year]]\nstart = 2026-07-01\ninterest = "11"\nsource = "første forsøk"\n\n'
        '[[half_year]]\nstart = 2026-07-01\ninterest = "13"\nsource = "andre forsøk"\n'
    )
    (ws / "rates.toml").write_text(twice, encoding="utf-8")
    result = run(ws, "add", "--from", "2026-07-01", "--interest", "12", "--compensation", "460", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["previous"]["interest"] == "13.00"  # the loader used the last row
    row = next(h for h in load_rates(ws).half_years if h.start == date(2026, 7, 1))
    assert (str(row.interest), row.confirmed) == ("12", True)


def test_add_over_a_shipped_row_says_it_takes_precedence(ws):
    result = run(
        ws,
        "add",
        "--from",
        "2024-07-01",
        "--interest",
        "12,5",
        "--compensation",
        "470",
        "--source",
        "regjeringen.no",
        "--json",
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    [issue] = data["issues"]
    assert issue["code"] == "rate_table.overrides_shipped" and "12,50 %" in issue["message"]
    assert "ikke bekreftet" in issue["message"]
    row = by_start(show_json(ws)["half_years"])["2024-07-01"]
    assert (row["confirmed"], row["origin"], row["compensation"]) == (True, "workspace", "470.00")


def test_add_warns_about_a_large_jump_and_a_missing_compensation(ws):
    data = json.loads(run(ws, "add", "--from", "2026-07-01", "--interest", "18", "--json").stdout)
    assert [i["code"] for i in data["issues"]] == [
        "rate_table.large_change",
        "rate_table.compensation_carried",
    ]
    assert "12,00 %" in data["issues"][0]["message"]  # the half-year before
    assert "460,00 kr" in data["issues"][1]["message"]  # carried from 01.01.2026


def test_add_refuses_a_file_it_cannot_edit_safely(ws):
    inline = 'half_year = [{start = 2025-07-01, interest = "12.25", source = "x", confirmed = true}]\n'
    (ws / "rates.toml").write_text(inline, encoding="utf-8")
    result = run(ws, "add", "--from", "2026-07-01", "--interest", "12")
    assert result.exit_code == 2 and "legg inn raden for hånd" in " ".join(result.output.split()).lower()
    assert (ws / "rates.toml").read_text(encoding="utf-8") == inline
    broken = '[[half_year]]\nstart = 2025-07-01\ninterest = "12.25\n'
    (ws / "rates.toml").write_text(broken, encoding="utf-8")
    result = run(ws, "add", "--from", "2026-07-01", "--interest", "12")
    assert result.exit_code == 2 and "skrivefeil" in result.output
    assert "uten avsluttende anførselstegn" in " ".join(result.output.split())
    assert (ws / "rates.toml").read_text(encoding="utf-8") == broken
