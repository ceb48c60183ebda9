"""Party rules with literal inputs: each validation, role words, identity matching and planning."""

from hypothesis import given, settings
from hypothesis import strategies as st

from vareflyt.domain.issues import Severity, Source
from vareflyt.domain.parties import PARTY_FIELDS, Party
from vareflyt.rules import parties as rules
from vareflyt.rules.party_cells import LENGTHS
from vareflyt.rules.party_rows import parse_row

GLN_A, GLN_B, GLN_C = "7080000000012", "7080000000029", "7080000000036"
GLN_SE = "7350000000016"
ORG_A, ORG_B = "923609016", "987654325"


def at(field):
    return Source(file="p.xlsx", sheet="Ark1", row=5, field=field)


def parse(**values):
    return parse_row(5, values, at)


def codes(parsed):
    return {i.code for i in parsed.issues}


def test_valid_row_is_normalised():
    p = parse(
        party_no=1001.0,
        name="  Trelast  Vest AS ",
        gln=GLN_A,
        orgnr="923 609 016",
        vat_no="NO 923 609 016 MVA",
        roles="SU, CA",
        email="ordre@trelast.no",
        bank_account="8601.11.17947",
        edi="Ja",
        active="aktiv",
        country="Norge",
    )
    assert p.ok and not p.issues
    party = p.party
    assert (party.party_no, party.name, party.gln, party.orgnr) == ("1001", "Trelast Vest AS", GLN_A, ORG_A)
    assert party.vat_no == "NO923609016MVA" and party.roles == {"SU", "CA"}
    assert party.bank_account == "86011117947" and party.iban is None
    assert party.edi is True and party.active is True and party.country == "NO"


def test_bad_gln_rejects_and_foreign_gln_is_info():
    assert "party.gln" in codes(parse(name="X", gln="7080000000013"))
    assert "party.gln" in codes(parse(name="X", gln="708000000001"))
    foreign = parse(name="X", gln=GLN_SE)
    assert foreign.ok and [i.severity for i in foreign.issues] == [Severity.INFO]
    assert foreign.party.gln == GLN_SE


def test_orgnr_and_vat():
    assert "party.org_number" in codes(parse(name="X", orgnr="923609017"))
    assert not parse(name="X", orgnr=ORG_A, vat_no="923609016MVA").issues
    assert parse(name="X", orgnr=ORG_A, vat_no="923609016").party.vat_no == "NO923609016MVA"
    bad_vat = parse(name="X", vat_no="NO 923 609 017 MVA", orgnr=ORG_B)  # a detail: dropped, the row stays
    assert bad_vat.ok and codes(bad_vat) == {"party.vat"} and bad_vat.party.vat_no is None
    assert "vat_no" not in bad_vat.present and bad_vat.issues[0].severity is Severity.WARNING
    other = parse(name="X", orgnr=ORG_B, vat_no="NO923609016MVA")
    assert other.ok and codes(other) == {"party.vat_org_number"} and other.party.vat_no is None


def test_foreign_vat_is_a_warning_when_doubtful():
    good = parse(name="X", gln=GLN_SE, vat_no="SE 556036079301", country="SE")
    assert good.ok and good.party.vat_no == "SE556036079301" and codes(good) == {"party.gln_foreign"}
    doubtful = parse(name="X", gln=GLN_SE, vat_no="SE556036079300", country="SE")
    assert doubtful.ok and codes(doubtful) >= {"party.vat_foreign"}
    assert [i.severity for i in doubtful.issues if i.code == "party.vat_foreign"] == [Severity.WARNING]


def test_bank_account_and_iban():
    typo = parse(name="X", gln=GLN_A, bank_account="8601.11.17948")
    assert typo.ok and codes(typo) == {"party.account"} and typo.party.bank_account is None
    assert "bank_account" not in typo.present and "8601.11.17948" in typo.issues[0].message
    assert typo.issues[0].source.field == "bank_account"
    in_account = parse(name="X", gln=GLN_A, bank_account="NO93 8601 1117 947")
    assert in_account.ok and in_account.party.iban == "NO9386011117947" and "iban" in in_account.present
    bad_iban = parse(name="X", gln=GLN_A, iban="NO93 8601 1117 948")
    assert bad_iban.ok and codes(bad_iban) == {"party.iban"} and "iban" not in bad_iban.present
    assert (
        parse(name="X", gln=GLN_A, iban="DE89 3704 0044 0532 0130 00").party.iban == "DE89370400440532013000"
    )


def test_roles_from_codes_and_words():
    cases = {
        "SU, CA": {"SU", "CA"},
        "Leverandør": {"SU"},
        "leverantör/transportör": {"SU", "CA"},
        "BY SU": {"BY", "SU"},
        "Delivery party; invoicee": {"DP", "IV"},
        "kjøper og fakturamottaker": {"BY", "IV"},
        "su": {"SU"},
    }
    for text, expected in cases.items():
        p = parse(name="X", gln=GLN_A, roles=text)
        assert p.ok and p.party.roles == expected, text
    bad = parse(name="X", gln=GLN_A, roles="SU, XX")  # the whole cell is dropped, not half of it
    assert bad.ok and codes(bad) == {"party.role"} and "XX" in bad.issues[0].message
    assert bad.party.roles == frozenset() and "roles" not in bad.present
    assert "party.no_roles" in codes(parse(name="X", gln=GLN_A, roles=""))


def test_email_and_flags():
    assert parse(name="X", gln=GLN_A, email="a@b.no, c@d.se").party.email == "a@b.no; c@d.se"
    for bad in ("ordre.trelast.no", "a@b", "a@@b.no", "a@b.no; ordre.trelast.no"):
        p = parse(name="X", gln=GLN_A, email=bad)
        assert p.ok and codes(p) == {"party.email"} and p.party.email is None and "email" not in p.present, (
            bad
        )
    assert parse(name="X", gln=GLN_A, edi="nei").party.edi is False
    assert parse(name="X", gln=GLN_A, edi=True).party.edi is True
    maybe = parse(name="X", gln=GLN_A, edi="kanskje")
    assert maybe.ok and codes(maybe) == {"party.flag"} and "edi" not in maybe.present
    unreadable_status = parse(name="X", gln=GLN_A, active="kanskje", inactive="")
    assert (
        unreadable_status.ok
        and unreadable_status.party.active is True
        and "active" in unreadable_status.present
    )
    assert parse(name="X", gln=GLN_A, active="Utgått").party.active is False
    assert parse(name="X", gln=GLN_A, inactive="x").party.active is False


def test_name_and_identity_required():
    assert "party.name" in codes(parse(gln=GLN_A))
    assert "party.identity" in codes(parse(name="Uten nøkkel AS", email="a@b.no"))


def row(n, **values):
    return parse_row(n, values, at)


def where(r, f):
    return Source(file="p.xlsx", row=r, field=f)


def stored(*parties):
    return [p.with_values(id=i) for i, p in enumerate(parties, start=1)]


def test_plan_new_changed_unchanged_deactivated():
    old = stored(
        Party("Trelast Vest AS", party_no="1", gln=GLN_A, orgnr=ORG_A, email="a@b.no"),
        Party("Rør AS", party_no="2", gln=GLN_B),
        Party("Maling AS", party_no="3", gln=GLN_C),
    )
    plan = rules.plan_import(
        [
            row(2, party_no="1", name="Trelast Vest AS", gln=GLN_A, orgnr=ORG_A, email="ny@b.no"),
            row(3, party_no="2", name="Rør AS", gln=GLN_B, email=None),
            row(4, party_no="3", name="Maling AS", gln=GLN_C, email=None, active="nei"),
            row(5, party_no="4", name="Ny AS", orgnr=ORG_B, email=None),
        ],
        old,
        where,
    )
    assert not plan.rejected
    kinds = {a.row: a.kind for a in plan.actions}
    assert kinds == {2: "changed", 3: "unchanged", 4: "deactivated", 5: "new"}
    change = plan.actions[0].changes
    assert [c.render() for c in change] == ["e-post: a@b.no → ny@b.no"]
    assert plan.actions[0].party.id == 1 and plan.actions[0].party.orgnr == ORG_A


def test_gln_of_another_party_is_rejected():
    old = stored(Party("Trelast Vest AS", party_no="1", gln=GLN_A), Party("Rør AS", party_no="2", gln=GLN_B))
    plan = rules.plan_import(
        [row(7, party_no="2", name="Rør AS", gln=GLN_A), row(8, party_no="9", name="Ny AS", gln=GLN_B)],
        old,
        where,
    )
    assert set(plan.rejected) == {7, 8} and not plan.actions
    issue = plan.rejected[7][0]
    assert issue.code == "party.gln_taken" and "Trelast Vest AS" in issue.message and issue.source.row == 7


def test_same_gln_twice_in_file_refuses_every_row_that_gives_it():
    plan = rules.plan_import(
        [
            row(2, party_no="1", name="A", gln=GLN_A),
            row(3, party_no="2", name="B", gln=GLN_B),
            row(4, party_no="3", name="C", gln=GLN_A),
        ],
        [],
        where,
    )
    assert [a.row for a in plan.actions] == [3]
    assert set(plan.rejected) == {2, 4}
    for r in (2, 4):
        (issue,) = plan.rejected[r]
        assert issue.code == "party.gln_twice" and issue.source.row == r and issue.source.field == "gln"
        assert "rad 2 (A) og rad 4 (C)" in issue.message and "ingen av radene er importert" in issue.message


def test_a_twin_row_that_fails_its_own_checks_still_refuses_the_other():
    """The issue's case: the first row is refused for something else; the second must not take its GLN."""
    plan = rules.plan_import(
        [
            row(2, party_no="1", name="A", gln=GLN_A, orgnr="923609017"),  # bad orgnr
            row(3, party_no="2", name="B", gln=GLN_A),
        ],
        [],
        where,
    )
    assert not plan.actions and plan.rejected[3][0].code == "party.gln_twice"
    assert (
        plan.rejected[2][0].code == "party.gln_twice"
    )  # besides its own orgnr error (reported by parse_row)


def test_twin_rows_when_the_store_knows_the_owner_by_its_partner_number():
    old = stored(Party("Nordisk Trelast AS", party_no="1", gln=GLN_A, email="a@b.no"))
    plan = rules.plan_import(
        [
            row(2, party_no="9", name="Dobbel GLN AS", gln=GLN_A),
            row(3, party_no="1", name="Nordisk Trelast AS", gln=GLN_A, email="ny@b.no"),
        ],
        old,
        where,
    )
    assert [(a.row, a.kind, a.party.id) for a in plan.actions] == [(3, "changed", 1)]
    (issue,) = plan.rejected[2]
    assert issue.code == "party.gln_taken" and issue.source.row == 2
    assert issue.message == f"GLN {GLN_A} tilhører allerede Nordisk Trelast AS (partnernr 1) (rad 3 i filen)"


def test_twin_rows_none_of_which_is_the_stored_owner_leave_it_as_it_was():
    old = stored(Party("Nordisk Trelast AS", party_no="1", gln=GLN_A, email="a@b.no"))
    for rows in (
        [row(2, name="Nordisk Trelast AS", gln=GLN_A, email="ny@b.no"), row(3, name="Dobbel", gln=GLN_A)],
        [row(2, party_no="8", name="Nordisk", gln=GLN_A), row(3, party_no="9", name="Dobbel", gln=GLN_A)],
    ):
        plan = rules.plan_import(rows, old, where)
        assert not plan.actions and set(plan.rejected) == {2, 3}
        assert {i.code for r in (2, 3) for i in plan.rejected[r]} == {"party.gln_twice"}
        assert (
            "Den lagrede parten Nordisk Trelast AS (partnernr 1) er ikke endret"
            in plan.rejected[3][0].message
        )


def test_same_party_number_twice_refuses_both_and_same_party_by_two_keys_refuses_the_later():
    plan = rules.plan_import(
        [
            row(2, party_no="1", name="A", gln=GLN_A),
            row(3, party_no="1", name="B", gln=GLN_B),
            row(4, party_no="2", name="C", gln=GLN_C),
        ],
        [],
        where,
    )
    assert [a.row for a in plan.actions] == [4]
    assert {i.code for r in (2, 3) for i in plan.rejected[r]} == {"party.no_twice"}
    old = stored(Party("A", party_no="1", gln=GLN_A))
    plan = rules.plan_import([row(2, party_no="1", name="A"), row(3, name="A", gln=GLN_A)], old, where)
    assert [a.row for a in plan.actions] == [2] and plan.rejected[3][0].code == "party.duplicate"
    assert "rad 2" in plan.rejected[3][0].message


def test_identity_fallbacks():
    old = stored(Party("Bygg AS", gln=GLN_A, orgnr=ORG_A), Party("Bygg AS avd. Nord", orgnr=ORG_A))
    plan = rules.plan_import(
        [
            row(2, party_no="10", name="Bygg AS", gln=GLN_A, orgnr=ORG_A),  # gains a party number
            row(
                3, name="bygg as  avd nord", orgnr=ORG_A, phone="22 33 44 55"
            ),  # orgnr + name, spacing ignored
        ],
        old,
        where,
    )
    assert [(a.kind, a.party.id) for a in plan.actions] == [("changed", 1), ("changed", 2)]
    assert plan.actions[0].changes[0].render() == "partnernr: (tom) → 10"


def test_party_number_of_another_company_is_rejected():
    old = stored(Party("Trelast Vest AS", party_no="1", orgnr=ORG_A))
    plan = rules.plan_import([row(2, party_no="1", name="Helt Annet AS", orgnr=ORG_B)], old, where)
    assert plan.rejected[2][0].code == "party.other_company"


def test_blank_gln_keeps_stored_and_reactivation_is_a_change():
    old = stored(Party("A", party_no="1", gln=GLN_A, active=False))
    plan = rules.plan_import([row(2, party_no="1", name="A", gln=None, active="ja")], old, where)
    action = plan.actions[0]
    assert action.kind == "changed" and action.party.gln == GLN_A
    assert [c.render() for c in action.changes] == ["aktiv: nei → ja"]


def test_orgnr_and_name_matching_several_parties_is_ambiguous():
    old = stored(Party("Bygg AS", gln=GLN_A, orgnr=ORG_A), Party("Bygg AS", gln=GLN_B, orgnr=ORG_A))
    plan = rules.plan_import([row(2, name="BYGG AS", orgnr=ORG_A, phone="1")], old, where)
    assert plan.rejected[2][0].code == "party.ambiguous" and not plan.actions


def test_postcode_leading_zero_restored_for_norway_only():
    assert parse(name="X", gln=GLN_A, postcode=150.0).party.postcode == "0150"
    assert parse(name="X", gln=GLN_SE, postcode="211 20", country="SE").party.postcode == "211 20"
    assert parse(name="X", gln=GLN_A, postcode_city="0150 Oslo").party.city == "Oslo"


def test_a_cell_too_long_for_the_store_is_dropped_unless_it_is_a_key():
    long_city = parse(name="X", gln=GLN_A, city="Oslo " * 30, phone="1" * 61)
    assert long_city.ok and codes(long_city) == {"party.too_long"} and long_city.party.city is None
    assert long_city.party.phone is None and not {"city", "phone"} & long_city.present
    assert "(149 tegn)" in long_city.issues[0].message  # the value is quoted cut, with its length
    long_name = parse(name="N" * 201, gln=GLN_A)
    assert not long_name.ok and codes(long_name) == {"party.too_long"}
    long_no = parse(name="X", party_no="9" * 36)
    assert not long_no.ok and long_no.issues[0].source.field == "party_no"


def test_a_float_that_is_no_number_is_an_issue_at_its_cell():
    inf, nan = float("inf"), float("nan")
    key = parse(name="X", gln=inf)
    assert not key.ok and [(i.code, i.source.field) for i in key.issues][0] == ("party.unreadable", "gln")
    detail = parse(name="X", gln=GLN_A, phone=nan, bank_account=-inf)
    assert detail.ok and codes(detail) == {"party.unreadable"} and detail.party.phone is None
    assert not {"phone", "bank_account"} & detail.present


def test_values_are_quoted_cut_in_messages():
    p = parse(name="X", orgnr="9" * 400)
    assert not p.ok and len(p.issues[0].message) < 120 and "(400 tegn)" in p.issues[0].message


CELL = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**30), 10**30),
    st.floats(allow_nan=True),
    st.datetimes(),
    st.text(max_size=50),
    st.sampled_from(
        [
            "7080000000012",
            "923609016",
            "NO 923 609 016 MVA",
            "8601.11.17947",
            "SU, CA",
            "a@b.no",
            "ja",
            "x" * 400,
            "1E+999999",
            "\x00",
            "NO",
            "0150 Oslo",
        ]
    ),
)


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(st.sampled_from(list(PARTY_FIELDS) + ["inactive", "postcode_city"]), CELL, max_size=10)
)
def test_any_cell_values_give_a_party_or_issues_never_an_exception(values):
    parsed = parse_row(5, values, at)
    if parsed.ok:
        for fkey, limit in LENGTHS.items():
            value = getattr(parsed.party, fkey)
            assert value is None or len(value) <= limit, fkey
        assert parsed.party.party_no or parsed.party.gln or parsed.party.orgnr
    assert all(i.source.field for i in parsed.issues)
    rules.plan_import([parsed, parsed], [], where)
