"""The statements engine: the example year line by line, the booked/unbooked result,
encodings, identities that fail, and the balance and cash-flow identities under random books."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from finsam_budget.plan.engine import compute_plan
from finsam_budget.problems import InputError
from finsam_budget.readers.scenario import load_scenario
from finsam_budget.readers.sie.reader import read_sie
from finsam_budget.statements import compute_statements
from finsam_budget.tables import Derived, Ref
from tests.example_bokslut import EXAMPLE, example_ledger
from tests.scenario_factory import write as write_scenario
from tests.sie_factory import Ledger

EXAMPLE_SCENARIO = "scenarios/exempel-bokslut-2022.toml"
D = Decimal


def figures(statements, table: str) -> dict[str, tuple]:
    """label -> the row's amounts in column order (None where blank); headings left out."""
    found = statements.table(table)
    return {
        row.label: tuple(row.amount(c.key) for c in found.columns)
        for row in found.rows
        if row.kind not in ("heading", "text")
    }


def numbers(*values) -> tuple:
    return tuple(None if v is None else D(str(v)) for v in values)


@pytest.fixture(scope="module")
def example():
    return compute_statements(read_sie(EXAMPLE))


@pytest.fixture(scope="module")
def example_with_budget():
    return compute_statements(read_sie(EXAMPLE), plan=compute_plan(load_scenario(EXAMPLE_SCENARIO)))


def small_ledger() -> Ledger:
    ledger = Ledger(
        accounts={
            "1510": "Kundfordringar",
            "1930": "Bank",
            "2010": "Eget kapital",
            "2440": "Leverantörsskulder",
            "3511": "Driftbidrag Försäkringskassan",
            "3512": "Driftbidrag Region",
            "4611": "Projekt",
            "5111": "Löner",
        }
    )
    ledger.opening = {"1930": D(600000), "2010": D(-550000), "2440": D(-50000)}
    ledger.earlier_ub[-1] = dict(ledger.opening)
    ledger.voucher("20220110", "Driftbidrag FK", ("1930", 1000000), ("3511", -1000000))
    ledger.voucher("20220110", "Driftbidrag Region", ("1510", 1000000), ("3512", -1000000))
    ledger.voucher("20220125", "Löner", ("5111", 900000), ("1930", -900000))
    ledger.voucher("20220130", "Betald leverantör", ("2440", 50000), ("1930", -50000))
    ledger.voucher("20221231", "Projektfaktura", ("4611", 800000), ("2440", -800000))
    return ledger


def statements_of(ledger: Ledger, tmp_path: Path, **options):
    return compute_statements(read_sie(ledger.write(tmp_path, **options)))


# -- the shipped example, every line ------------------------------------------------


def test_shipped_example_is_generated_from_its_books():
    assert EXAMPLE.read_bytes() == example_ledger().text().encode("cp437")


def test_example_resultatrakning(example):
    assert figures(example, "rr") == {
        "Erhållna driftbidrag": numbers(4000000, 3900000),
        "Övriga verksamhetsintäkter": numbers(120000, 80000),
        "Summa verksamhetens intäkter": numbers(4120000, 3980000),
        "Köp av verksamhet, material och lämnade bidrag": numbers(-2046850, -2055000),
        "Personalkostnader": numbers(-1598188, -1535620),
        "Övriga verksamhetskostnader": numbers("-303947.65", -294980),
        "Summa verksamhetens kostnader": numbers("-3948985.65", -3885600),
        "Verksamhetens resultat": numbers("171014.35", 94400),
        "Finansiella intäkter": numbers("1250.75", 600),
        "Finansiella kostnader": numbers(-312, 0),
        "Resultat efter finansiella poster": numbers("171953.10", 95000),
        "Årets resultat": numbers("171953.10", 95000),
    }
    assert [c.heading for c in example.table("rr").columns] == ["2022", "2021"]


def test_example_balansrakning(example):
    assert figures(example, "br") == {
        "Kortfristiga fordringar": numbers(45000, 30000),
        "Förutbetalda kostnader och upplupna intäkter": numbers(24000, 24000),
        "Kassa och bank": numbers("1264802.10", 897000),
        "Summa omsättningstillgångar": numbers("1333802.10", 951000),
        "SUMMA TILLGÅNGAR": numbers("1333802.10", 951000),
        "Balanserat från föregående år": numbers(700000, 605000),
        "Årets resultat": numbers("171953.10", 95000),
        "Summa eget kapital": numbers("871953.10", 700000),
        "Kortfristiga skulder": numbers(461849, 251000),
        "Summa skulder": numbers(461849, 251000),
        "SUMMA EGET KAPITAL, AVSÄTTNINGAR OCH SKULDER": numbers("1333802.10", 951000),
        "Kontroll: tillgångar − eget kapital, avsättningar och skulder (ska vara 0)": numbers(0, 0),
    }
    assert [c.heading for c in example.table("br").columns] == ["2022-12-31", "2021-12-31"]


def test_example_kassaflodesanalys(example):
    assert figures(example, "kf") == {
        "Årets resultat": numbers("171953.10", 95000),
        "  av- och nedskrivningar": numbers(0, 0),
        "  förändring av avsättningar": numbers(0, 0),
        "Ökning (−)/minskning (+) av kortfristiga fordringar": numbers(-15000, -54000),
        "Ökning (+)/minskning (−) av kortfristiga skulder": numbers(210849, 101000),
        "Kassaflöde från den löpande verksamheten": numbers("367802.10", 142000),
        "Investeringar i anläggningstillgångar (netto)": numbers(0, 0),
        "Kassaflöde från investeringsverksamheten": numbers(0, 0),
        "Ökning (+)/minskning (−) av långfristiga skulder": numbers(0, 0),
        "Övriga förändringar av eget kapital": numbers(0, 0),
        "Kassaflöde från finansieringsverksamheten": numbers(0, 0),
        "Årets kassaflöde": numbers("367802.10", 142000),
        "Likvida medel vid årets början": numbers(897000, 755000),
        "Likvida medel vid årets slut": numbers("1264802.10", 897000),
        "Kontroll: likvida medel vid årets slut − kassa och bank (ska vara 0)": numbers(0, 0),
    }


def test_example_notes_without_scenario_list_the_accounts(example):
    assert figures(example, "not_bidrag") == {
        "3511 Driftbidrag Försäkringskassan": numbers(2000000, 1950000),
        "3512 Driftbidrag Region Exempel": numbers(1000000, 975000),
        "3513 Driftbidrag Ådals kommun": numbers(500000, 487500),
        "3514 Driftbidrag Örby kommun": numbers(500000, 487500),
        "Summa erhållna driftbidrag": numbers(4000000, 3900000),
    }
    costs = figures(example, "not_kostnader")
    assert costs["4611 Projekt JobbVägen"] == numbers(1160000, 1250000)
    assert costs["Summa personalkostnader"] == numbers(1598188, 1535620)
    assert costs["Summa verksamhetens kostnader"] == numbers("3948985.65", 3885600)


def test_example_key_figures_and_five_years(example):
    key = figures(example, "nyckeltal")
    assert key["Soliditet (eget kapital / summa tillgångar)"] == numbers("0.653734988122", "0.736067297581")
    assert key["Balanskravsresultat"] == numbers("171953.10", 95000)
    assert key["Medlemsbidrag (konto 3500-3589)"] == numbers(4000000, 3900000)
    assert key["Takandel (av medlemsbidragen)"] == numbers("0.2", "0.2")
    assert key["Tak för eget kapital"] == numbers(800000, 780000)
    assert key["Marginal (+) / överskridande (−) mot taket"] == numbers("-71953.10", 80000)
    overview = example.table("femar")
    assert [c.heading for c in overview.columns] == ["2022", "2021", "2020", "2019", "2018"]
    assert figures(example, "femar") == {
        "Verksamhetens intäkter": numbers(4120000, 3980000, 3960000, 3940000, 3800000),
        "Verksamhetens kostnader": numbers("-3948985.65", -3885600, -3955000, -3880000, -3900000),
        "Årets resultat": numbers("171953.10", 95000, 5000, 60000, -100000),
        "Eget kapital": numbers("871953.10", 700000, 605000, 600000, 540000),
        "Summa tillgångar": numbers("1333802.10", 951000, 755000, 750000, 690000),
        "Soliditet": numbers("0.653734988122", "0.736067297581", "0.801324503311", "0.8", "0.782608695652"),
    }


def test_example_identities_all_hold(example):
    assert example.failed_checks == ()
    assert len(example.checks) == 7  # the cash flow is checked for last year too
    # equity 871 953,10 kr against a cap of 800 000 kr: a warning, as `check` gives it
    [over_cap] = example.warnings
    assert over_cap.severity == "warning" and "överstiger taket 800 000 kr med 71 953,10 kr" in over_cap.message


def test_example_with_scenario_has_budget_members_and_lines(example_with_budget):
    s = example_with_budget
    rr = figures(s, "rr")
    assert [c.heading for c in s.table("rr").columns] == ["Budget 2022", "2022", "2021"]
    assert rr["Erhållna driftbidrag"] == numbers(4000000, 4000000, 3900000)
    assert rr["Köp av verksamhet, material och lämnade bidrag"] == numbers(-2170000, -2046850, -2055000)
    assert rr["Personalkostnader"] == numbers(-1600000, -1598188, -1535620)
    assert rr["Övriga verksamhetskostnader"] == numbers(-314000, "-303947.65", -294980)
    assert rr["Finansiella intäkter"] == numbers(None, "1250.75", 600)
    assert rr["Årets resultat"] == numbers(16000, "171953.10", 95000)
    assert figures(s, "not_bidrag") == {
        "Försäkringskassan": numbers(2000000, 2000000, 1950000),
        "Region Exempel": numbers(1000000, 1000000, 975000),
        "Ådals kommun": numbers(500000, 500000, 487500),
        "Örby kommun": numbers(500000, 500000, 487500),
        "Summa medlemsbidrag": numbers(4000000, 4000000, 3900000),
    }
    costs = figures(s, "not_kostnader")
    assert costs["Kontor, bank och förbrukning"] == numbers(20000, "17247.65", 15180)
    assert costs["JobbVägen"] == numbers(1200000, 1160000, 1250000)
    assert costs["Summa administration"] == numbers(1914000, "1902135.65", 1830600)
    assert costs["Summa projekt"] == numbers(1900000, 1800000, 1850000)
    assert costs["Övriga kostnader (konton utan rad i scenariot)"] == numbers(None, 0, 0)
    assert costs["Summa verksamhetens kostnader"] == numbers(4084000, "3948985.65", 3885600)
    assert s.failed_checks == () and [w for w in s.warnings if "överstiger taket" not in w.message] == []


def test_scenario_lines_without_accounts_are_named(tmp_path):
    plan = compute_plan(load_scenario(write_scenario(tmp_path)))  # the test scenario lists no accounts
    s = compute_statements(read_sie(small_ledger().write(tmp_path)), plan=plan)
    unplaced, members = [w for w in s.warnings if "överstiger taket" not in w.message]
    assert "income.fk (1 000 000 kr)" in unplaced.message and "admin.kansli (600 000 kr)" in unplaced.message
    assert "medlemmarnas bidrag enligt scenariots konton (0 kr)" in members.message
    costs = figures(s, "not_kostnader")
    assert costs["Kansli"] == numbers(600000, None)
    # Costs on accounts no scenario line lists keep the note equal to the resultaträkning.
    assert costs["Övriga kostnader (konton utan rad i scenariot)"] == numbers(None, 1700000)
    assert costs["Summa verksamhetens kostnader"] == numbers(2000000, 1700000)


def spanning_scenario(tmp_path: Path) -> Path:
    """The example scenario with Föreläsningar on a class 4 and a class 6 account."""
    text = Path(EXAMPLE_SCENARIO).read_text(encoding="utf-8")
    text = text.replace('accounts = ["6410", "6570"]', 'accounts = ["6570"]')
    text = text.replace('accounts = ["4632"]', 'accounts = ["4632", "6410"]')
    return write_scenario(tmp_path, text)


def test_a_budget_whose_accounts_span_lines_stays_whole_on_the_first_and_says_so(tmp_path):
    plan = compute_plan(load_scenario(spanning_scenario(tmp_path)))
    s = compute_statements(read_sie(EXAMPLE), plan=plan)
    rr = figures(s, "rr")
    # Not split: the whole 70 000 stays on the line of its first account (4632).
    assert rr["Köp av verksamhet, material och lämnade bidrag"][0] == D(-2170000)
    assert rr["Övriga verksamhetskostnader"][0] == D(-314000)
    [warning] = [w for w in s.warnings if "överstiger taket" not in w.message]
    assert (warning.file, warning.key) == (plan.scenario.source, "[development.forelasningar].accounts")
    assert "development.forelasningar (4632, 6410)" in warning.message
    assert "hela budgeten, 70 000 kr, redovisas på raden Köp av verksamhet" in warning.message
    row = s.table("rr").row("line:kop_av_verksamhet")
    assert set(row.remarks) == {"budget"}
    assert "development.forelasningar" in row.remarks["budget"] and "Övriga verksamhetskostnader" in (
        row.remarks["budget"]
    )
    assert not s.table("rr").row("line:ovriga_kostnader").remarks


def test_reader_warnings_come_first_among_the_statements_warnings(tmp_path):
    ledger = small_ledger()
    ledger.extra = ["#NYPOST 1"]
    s = compute_statements(read_sie(ledger.write(tmp_path, encoding="latin-1")))
    assert ["Latin-1" in w.message for w in s.warnings][:2] == [True, False]
    assert "okänd post #NYPOST" in s.warnings[1].message


def test_check_differences_are_sums_of_the_statement_cells(example):
    derived = [c for c in example.checks if c.derivation is not None]
    assert len(derived) == 5  # two balance sheets, equity, cash flow of both years
    for check in derived:
        terms = check.derivation.expr.terms
        cells = sum(sign * (example.table(r.table).amount(r.row, r.column) or 0) for sign, r in terms)
        assert check.derivation.amount == check.difference == cells


def test_a_scenario_without_the_year_is_refused(tmp_path):
    text = (
        Path(EXAMPLE_SCENARIO)
        .read_text(encoding="utf-8")
        .replace("years = [2022, 2023]", "years = [2023, 2024]")
        .replace("budget_year = 2022", "budget_year = 2023")
        .replace("2022 = ", "2024 = ")
        .replace("opening = { 2024", "opening = { 2023")
    )
    plan = compute_plan(load_scenario(write_scenario(tmp_path, text)))
    with pytest.raises(InputError) as caught:
        compute_statements(read_sie(EXAMPLE), plan=plan)
    assert "scenariot har inte år 2022" in str(caught.value)


# -- booked and unbooked result -----------------------------------------------------


def test_unbooked_result_is_added_to_equity(tmp_path):
    s = statements_of(small_ledger(), tmp_path)
    br = figures(s, "br")
    assert br["Balanserat från föregående år"] == numbers(550000, 550000)
    assert br["Årets resultat"] == numbers(300000, None)
    assert br["Summa eget kapital"] == numbers(850000, 550000)
    assert s.failed_checks == ()


def test_booked_result_is_not_counted_twice(tmp_path):
    ledger = small_ledger()
    ledger.close_year()
    booked = statements_of(ledger, tmp_path)
    unbooked = statements_of(small_ledger(), tmp_path / "..")
    assert figures(booked, "br") == figures(unbooked, "br")
    assert figures(booked, "rr")["Årets resultat"] == numbers(300000)
    assert booked.failed_checks == ()


def test_result_booked_without_a_closing_account_is_seen_from_the_balances(tmp_path):
    ledger = small_ledger()
    text = ledger.text(vouchers=False).replace("#UB 0 2010 -550000.00", "#UB 0 2010 -850000.00")
    path = tmp_path / "bokat.se"
    path.write_bytes(text.encode("cp437"))
    s = compute_statements(read_sie(path))
    assert figures(s, "br")["Summa eget kapital"] == numbers(850000, 550000)
    assert figures(s, "br")["Balanserat från föregående år"] == numbers(550000, 550000)
    assert s.failed_checks == ()


# -- encodings and unknown records ----------------------------------------------------


@pytest.mark.parametrize("encoding", ["cp437", "latin-1", "utf-8"])
def test_statements_read_any_encoding_the_same(tmp_path, encoding):
    s = compute_statements(read_sie(example_ledger().write(tmp_path, encoding=encoding)))
    assert figures(s, "not_bidrag")["3513 Driftbidrag Ådals kommun"] == numbers(500000, 487500)
    assert figures(s, "rr") == figures(compute_statements(read_sie(EXAMPLE)), "rr")
    assert s.federation == "Samordningsförbundet Exempeldalen"


def test_unknown_records_do_not_disturb(tmp_path):
    ledger = small_ledger()
    ledger.extra = ["#NYPOST 1 2 3", '#ANNAN "å"']
    sie = read_sie(ledger.write(tmp_path))
    assert dict(sie.unknown_records) == {"#ANNAN": 1, "#NYPOST": 1}
    assert compute_statements(sie).failed_checks == ()


# -- identities that do not hold --------------------------------------------------------


def test_a_balance_sheet_that_does_not_balance_gives_the_difference(tmp_path):
    text = small_ledger().text(vouchers=False).replace("#UB 0 2440 -800000.00", "#UB 0 2440 -799000.00")
    path = tmp_path / "fel.se"
    path.write_bytes(text.encode("cp437"))
    s = compute_statements(read_sie(path))
    failed = {c.name: c for c in s.failed_checks}
    balance = failed["Balansräkningen 2022-12-31: tillgångar = eget kapital, avsättningar och skulder"]
    assert balance.difference == D(1000)
    assert (
        "balanskontona summerar till 301 000 kr" in balance.detail
        and "årets resultat är 300 000 kr" in balance.detail
    )


def test_unmapped_accounts_are_an_identity_failure(tmp_path):
    ledger = small_ledger()
    ledger.accounts["9110"] = "Internt konto"
    ledger.voucher("20220301", "Intern", ("9110", 2500), ("1930", -2500))
    s = statements_of(ledger, tmp_path)
    [check] = [c for c in s.failed_checks if c.name.startswith("Alla konton")]
    assert check.difference == D(2500)
    assert "9110 (2 500 kr)" in check.detail and "--mapping" in check.detail


def test_res_that_disagrees_with_the_vouchers_is_named(tmp_path):
    text = small_ledger().text().replace("#RES 0 5111 900000.00", "#RES 0 5111 900100.00")
    path = tmp_path / "res.se"
    path.write_bytes(text.encode("cp437"))
    s = compute_statements(read_sie(path))
    [check] = [c for c in s.failed_checks if c.name.startswith("Resultatkontona")]
    assert check.difference == D(100) and "5111 (100 kr)" in check.detail


def test_equity_moved_outside_the_result_is_shown_as_other_changes_with_a_warning(tmp_path):
    ledger = small_ledger()
    ledger.voucher("20220601", "Utdelning", ("2010", 10000), ("1930", -10000))
    s = statements_of(ledger, tmp_path)
    assert s.failed_checks == ()
    [check] = [c for c in s.checks if c.name.startswith("Eget kapital")]
    assert check.name == "Eget kapital: ingående + årets resultat + övriga förändringar = utgående"
    assert check.difference == 0 and "övriga förändringar -10 000 kr" in check.detail
    assert Ref("kf", "other_equity", "this") in [ref for _, ref in check.derivation.expr.terms]
    assert any("Övriga förändringar av eget kapital" in w.message and w.severity == "warning" for w in s.warnings)
    assert figures(s, "kf")["Övriga förändringar av eget kapital"][0] == D(-10000)
    assert figures(s, "kf")[
        "Kontroll: likvida medel vid årets slut − kassa och bank (ska vara 0)"
    ] == numbers(0)


# -- files with less ----------------------------------------------------------------------


def test_without_last_year_the_opening_balances_are_zero(tmp_path):
    ledger = small_ledger()
    ledger.earlier_ub = {}
    ledger.opening = {}
    ledger.voucher("20220102", "Startkapital", ("1930", 50000), ("2440", -50000))
    s = statements_of(ledger, tmp_path)
    assert [c.heading for c in s.table("br").columns] == ["2022-12-31"]
    assert figures(s, "kf")["Likvida medel vid årets början"] == numbers(0)
    assert any("ingående balanser på 0" in w.message for w in s.warnings)
    assert [c.name for c in s.failed_checks] == []


def test_vouchers_alone_give_the_year(tmp_path):
    ledger = small_ledger()
    ledger.opening, ledger.earlier_ub = {}, {}
    s = statements_of(ledger, tmp_path, ub=False, res=False)
    assert figures(s, "br")["Kassa och bank"] == numbers(50000)
    assert figures(s, "rr")["Årets resultat"] == numbers(300000)
    assert s.failed_checks == ()


def test_a_year_without_results_counts_as_zero(tmp_path):
    ledger = small_ledger()
    ledger.vouchers = []
    s = statements_of(ledger, tmp_path)
    assert figures(s, "rr")["Årets resultat"] == numbers(0)
    assert any("årets resultat räknas som 0" in w.message for w in s.warnings)
    assert s.failed_checks == ()


def test_no_rar_is_refused(tmp_path):
    text = "\r\n".join(line for line in small_ledger().text().splitlines() if not line.startswith("#RAR"))
    path = tmp_path / "utan-rar.se"
    path.write_bytes(text.encode("cp437"))
    with pytest.raises(InputError) as caught:
        compute_statements(read_sie(path))
    assert "#RAR 0" in str(caught.value)


def test_fixed_assets_depreciation_and_investment(tmp_path):
    ledger = small_ledger()
    ledger.accounts.update(
        {
            "1220": "Inventarier",
            "1229": "Ack avskrivningar inventarier",
            "7830": "Avskrivningar",
            "2250": "Avsättning",
        }
    )
    ledger.voucher("20220301", "Köp av datorer", ("1220", 60000), ("1930", -60000))
    ledger.voucher("20221231", "Avskrivning", ("7830", 12000), ("1229", -12000))
    ledger.voucher("20221231", "Avsättning", ("7830", 5000), ("2250", -5000))
    s = statements_of(ledger, tmp_path)
    kf = figures(s, "kf")
    assert kf["  av- och nedskrivningar"] == numbers(12000)
    assert kf["  förändring av avsättningar"] == numbers(5000)
    assert kf["Investeringar i anläggningstillgångar (netto)"] == numbers(-60000)
    br = figures(s, "br")
    assert br["Materiella anläggningstillgångar"] == numbers(48000, 0)
    assert br["Avsättningar"] == numbers(5000, 0)
    assert s.failed_checks == ()


# -- identities under random books -----------------------------------------------------


BALANCE_ACCOUNTS = [
    "1220",
    "1229",
    "1410",
    "1510",
    "1790",
    "1810",
    "1930",
    "1940",
    "2010",
    "2250",
    "2350",
    "2440",
    "2920",
]
RESULT_ACCOUNTS = ["3450", "3511", "3512", "4611", "5111", "6110", "7320", "7830", "8420", "8520"]


@st.composite
def random_books(draw):
    ledger = Ledger(accounts={a: f"Konto {a} åäö" for a in BALANCE_ACCOUNTS + RESULT_ACCOUNTS})
    chart = draw(
        st.lists(st.sampled_from(BALANCE_ACCOUNTS + RESULT_ACCOUNTS), min_size=2, max_size=10, unique=True)
    )
    cents = st.integers(min_value=-5_000_000_00, max_value=5_000_000_00).map(lambda c: D(c) / 100)
    opening = {
        a: draw(cents) for a in draw(st.lists(st.sampled_from(BALANCE_ACCOUNTS), max_size=5, unique=True))
    }
    opening["2010"] = opening.get("2010", D(0)) - sum(opening.values(), D(0))  # opening balances balance
    ledger.opening = {a: v for a, v in opening.items() if v}
    if ledger.opening:
        ledger.earlier_ub[-1] = dict(ledger.opening)
    for number in range(draw(st.integers(min_value=1, max_value=12))):
        # Equity moves only through the result (and the closing entry), as in a federation's books.
        in_vouchers = [a for a in chart if a != "2010"] or ["1930"]
        rows = [(draw(st.sampled_from(in_vouchers)), draw(cents)) for _ in range(draw(st.integers(1, 4)))]
        rows.append((draw(st.sampled_from(in_vouchers)), -sum((a for _, a in rows), D(0))))
        ledger.voucher(f"2022{1 + number % 12:02d}15", f"Verifikation {number}", *rows)
    if draw(st.booleans()):
        ledger.close_year()
    return ledger


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(random_books())
def test_random_books_balance_and_the_cash_flow_reconciles(ledger):
    with tempfile.TemporaryDirectory() as folder:
        s = compute_statements(read_sie(ledger.write(Path(folder))))
    br, kf = s.table("br"), s.table("kf")
    for column in (c.key for c in br.columns):
        assert br.amount("assets", column) == br.amount("equity_and_liabilities", column)
    cash_rows = [r.key for r in br.rows if r.key == "line:kassa_bank"]
    cash_end = sum((br.amount(r, "this") for r in cash_rows), D(0))
    assert kf.amount("cash_end", "this") == cash_end
    assert s.failed_checks == ()
    result = s.table("rr").amount("result", "this")
    assert result == ledger.profit()


def test_budget_without_accounts_is_on_its_own_row_so_the_budget_result_is_the_plans(tmp_path):
    """Södra Vätterbygden 2020: 400 000 "Tillgängligt nya projekt" has no account."""
    text = Path(EXAMPLE_SCENARIO).read_text(encoding="utf-8")
    text += '\n[projects.nya]\nname = "Tillgängligt nya projekt"\namounts = { 2022 = 400000 }\n'
    path = tmp_path / "scenario.toml"
    path.write_text(text, encoding="utf-8")
    plan = compute_plan(load_scenario(path))
    s = compute_statements(read_sie(EXAMPLE), plan=plan)
    rr = s.table("rr")
    assert rr.amount("unplaced:costs", "budget") == D(-400000)
    assert rr.row("unplaced:costs").label == "Budget utan konto i resultaträkningen"
    figures_2022 = plan.year(2022)
    assert rr.amount("result", "budget") == figures_2022.result
    assert rr.amount("costs", "budget") == -figures_2022.costs


def test_the_equity_caps_base_is_the_member_contribution_accounts_only(tmp_path):
    """Södra Vätterbygden: 3590 "Erhållna bidrag personal" is not a member's contribution."""
    ledger = small_ledger()
    ledger.accounts["3590"] = "Erhållna bidrag personal"
    ledger.voucher("20220301", "Lönebidrag", ("1930", 43449.60), ("3590", -43449.60))
    s = statements_of(ledger, tmp_path)
    key = s.table("nyckeltal")
    [row] = [r for r in key.rows if r.key == "contributions"]
    assert row.label == "Medlemsbidrag (konto 3500-3589)"
    members = -sum(a for acc, a in ledger.results().items() if acc.startswith("35") and acc != "3590")
    assert key.amount("contributions", "this") == members


def test_statistical_accounts_that_net_to_zero_are_left_out_of_the_mapping_check_with_an_info(tmp_path):
    ledger = small_ledger()
    ledger.accounts.update({"0110": "Statistik deltagare", "0119": "Motkonto statistik"})
    ledger.voucher("20220301", "Deltagare", ("0110", 25), ("0119", -25))
    s = statements_of(ledger, tmp_path)
    assert s.failed_checks == ()
    [info] = [w for w in s.warnings if w.severity == "info"]
    assert "statistikkonton" in info.message and "0110" in info.message


def test_statistical_accounts_that_do_not_net_to_zero_stay_in_the_mapping_check(tmp_path):
    ledger = small_ledger()
    ledger.accounts["9100"] = "Internt"
    ledger.voucher("20220301", "Internt", ("9100", 25), ("1930", -25))
    s = statements_of(ledger, tmp_path)
    assert [c.name for c in s.failed_checks if "Alla konton" in c.name]


PROJECTS_SIE = "scenarios/exempel-projekt-2022.se"


def test_the_costs_note_is_per_project_when_the_scenario_maps_objects():
    plan = compute_plan(load_scenario("scenarios/exempel-projekt-2022.toml"))
    s = compute_statements(read_sie(PROJECTS_SIE), plan=plan)
    costs = figures(s, "not_kostnader")
    # This year from the vouchers' objects; last year (no vouchers) by each project's own account.
    assert costs["JobbVägen (objekt 6 JOBB)"] == numbers(1200000, 1160000, 1250000)
    assert costs["Hälsosteget (objekt 6 HALSA)"] == numbers(700000, 320000, 600000)
    assert costs["Objekt 6 NYTT Förstudie nytt projekt (ingen rad i scenariot)"] == numbers(None, 320000, None)
    assert costs["Övriga kostnader (konton utan rad i scenariot)"] == numbers(None, 0, 0)
    assert costs["Summa verksamhetens kostnader"] == numbers(4084000, "3948985.65", 3885600)
    # the example's equity is over the cap (a warning like check's); nothing else is wrong
    assert s.failed_checks == () and [w for w in s.warnings if "överstiger taket" not in w.message] == []
    total = s.table("not_kostnader").row("total")
    assert isinstance(total.cells["this"], Derived)  # a sum over the rows above, like the rest of the note


def test_projects_sharing_accounts_leave_last_year_to_other_costs_with_a_warning(tmp_path):
    text = Path(EXAMPLE_SCENARIO).read_text(encoding="utf-8")
    for account, project in (("4611", "JOBB"), ("4612", "HALSA")):
        old = f'accounts = ["{account}"]'
        assert old in text
        text = text.replace(old, f'accounts = ["4611-4612"]\nobjects = {{ 6 = ["{project}"] }}')
    plan = compute_plan(load_scenario(write_scenario(tmp_path, text)))
    s = compute_statements(read_sie(PROJECTS_SIE), plan=plan)
    costs = figures(s, "not_kostnader")
    assert costs["JobbVägen (objekt 6 JOBB)"] == numbers(1200000, 1160000, None)
    assert costs["Objekt 6 NYTT Förstudie nytt projekt (ingen rad i scenariot)"] == numbers(None, 320000, None)
    assert costs["Övriga kostnader (konton utan rad i scenariot)"] == numbers(None, 0, 1850000)
    assert s.failed_checks == ()
    (warning,) = [w for w in s.warnings if "överstiger taket" not in w.message]
    assert "Not 2: kostnaderna 2021 kan inte delas per projekt" in warning.message
    assert "projects.jobbvagen, projects.halsosteget" in warning.message


def test_the_cap_margin_counts_a_negative_equity_as_no_room_like_the_plan(example):
    """Nyckeltal's margin is cap − MAX(equity, 0): with equity −50 000 under a cap of 800 000 it is 800 000."""
    from decimal import Decimal

    from finsam_budget.tables import evaluate

    cell = example.table("nyckeltal").row("headroom").cells["this"]
    figures = {"cap": Decimal(800000), "equity": Decimal(-50000)}
    assert evaluate(cell.expr, lambda ref: figures[ref.row]) == 800000
    figures["equity"] = Decimal("871953.10")
    assert evaluate(cell.expr, lambda ref: figures[ref.row]) == Decimal("-71953.10")
