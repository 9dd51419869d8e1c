"""The overview across federations: rows, Swedish order, totals and unreadable files."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from finsam_budget.board.overview import (
    OVERVIEW_TABLE,
    TOTAL,
    Unreadable,
    build_overview,
    swedish_sort_key,
)
from finsam_budget.plan.engine import compute_plan
from finsam_budget.problems import Problem
from finsam_budget.readers.scenario import load_scenario
from finsam_budget.readers.scenario_files import read_scenarios, scenario_paths
from finsam_budget.tables import Add, Const, Derived, Max, Ratio, Ref, Value, minus
from finsam_budget.writers.overview_text import overview_text
from tests.scenario_factory import BASE, replace, write

D = Decimal


def federation(name: str, title: str = "Budgetplan 2022", text: str = BASE) -> str:
    return text.replace('federation = "Samordningsförbundet Test"', f'federation = "{name}"').replace(
        'title = "Budgetplan 2022"', f'title = "{title}"'
    )


def overview_of(tmp_path, texts: dict[str, str], unreadable=()):
    plans = [(name, compute_plan(load_scenario(write(tmp_path, text, name)))) for name, text in texts.items()]
    return build_overview(plans, unreadable)


def test_swedish_alphabetical_order():
    names = ["Östra", "Ådalen", "Älvsborg", "Zeta", "Eda", "Édal"]
    assert sorted(names, key=swedish_sort_key) == ["Eda", "Édal", "Zeta", "Ådalen", "Älvsborg", "Östra"]


def test_rows_sorted_by_federation_then_title(tmp_path):
    result = overview_of(
        tmp_path,
        {
            "a.toml": federation("Samordningsförbundet Östra", "B"),
            "b.toml": federation("Samordningsförbundet Ådalen", "Z"),
            "c.toml": federation("Samordningsförbundet Ådalen", "A"),
        },
    )
    assert [(r.federation.split()[-1], r.title) for r in result.rows] == [("Ådalen", "A"), ("Ådalen", "Z"), ("Östra", "B")]


def test_row_is_the_budget_year(tmp_path):
    [row] = overview_of(tmp_path, {"a.toml": BASE}).rows
    assert row.budget_year == 2022 and row.figures.year == 2022
    # 2022 opens with 2021's reserve, 300 000: available 300 000 + 2 000 000 = 2 300 000;
    # room = 2 300 000 − costs 2 000 000 − reserve 300 000 = 0 (2021 would open with 500 000).
    assert (row.figures.member_contributions, row.figures.costs) == (D(2000000), D(2000000))
    assert (row.figures.opening_equity, row.figures.room) == (D(300000), D(0))
    assert row.admin_share == Fraction(3, 10)
    assert row.carried_equity == D(300000) and row.excess == 0


def test_excess_is_the_carried_equity_above_the_cap(tmp_path):
    text = replace("reserve = { 2021 = 300000, 2022 = 300000", "reserve = { 2021 = 300000, 2022 = 450000")
    [row] = overview_of(tmp_path, {"a.toml": text}).rows
    assert row.figures.equity_cap == D(400000)
    assert row.excess == D(50000)
    assert any(f.rule == "equity-cap" and f.severity == "warning" for f in row.findings)


def test_totals_add_the_rows(tmp_path):
    bigger = federation("Samordningsförbundet B", text=replace("2022 = 600000", "2022 = 900000"))
    result = overview_of(tmp_path, {"a.toml": BASE, "b.toml": bigger})
    t = result.totals
    assert (t.scenarios, t.federations) == (2, 2)
    assert t.member_contributions == D(4000000)
    assert t.costs == D(2000000 + 2300000) == sum(r.figures.costs for r in result.rows)
    assert t.admin == D(1500000)
    assert t.admin_share == Fraction(1500000, 4300000)  # weighted, not the mean of the shares
    assert t.room == sum(r.figures.room for r in result.rows)
    assert t.equity_cap == D(800000) and t.excess == 0
    assert t.statuses == {"ok": 1, "warnings": 0, "errors": 1}


def test_the_table_derives_the_share_the_excess_and_the_totals(tmp_path):
    bigger = federation("Samordningsförbundet B", text=replace("2022 = 600000", "2022 = 900000"))
    result = overview_of(tmp_path, {"a.toml": BASE, "b.toml": bigger})
    table = result.table
    assert [row.key for row in table.rows] == [*result.keys, TOTAL]

    def ref(row: str, column: str) -> Ref:
        return Ref(OVERVIEW_TABLE, row, column)

    base = table.row(result.keys[1])  # "Samordningsförbundet B" sorts first
    assert isinstance(base.cells["costs"], Value) and base.cells["costs"].amount == D(2000000)
    assert base.cells["admin_share"] == Derived(Ratio(ref("s2", "admin"), ref("s2", "costs")), D("0.3"))
    assert base.cells["excess"].expr == Max((Const(D(0)), minus(ref("s2", "carried_equity"), ref("s2", "equity_cap"))))
    total = table.row(TOTAL)
    assert total.cells["costs"] == Derived(Add(((1, ref("s1", "costs")), (1, ref("s2", "costs")))), D(4300000))
    # The total share is the share of the totals: 1 500 000 / 4 300 000, not the mean of 30 % and 40 %.
    assert total.cells["admin_share"].expr == Ratio(ref(TOTAL, "admin"), ref(TOTAL, "costs"))
    assert total.amount("admin_share") == D("0.348837209302")
    assert total.amount("errors") == D(1) and "budget_year" not in total.cells


def test_the_chart_links_each_scenarios_equity_and_cap(tmp_path):
    result = overview_of(tmp_path, {"a.toml": BASE})
    [row] = result.chart.rows
    assert row.cells["equity_cap"] == Derived(Ref(OVERVIEW_TABLE, "s1", "equity_cap"), D(400000))


def test_unreadable_files_are_kept_and_listed(tmp_path):
    broken = Unreadable("trasig.toml", (Problem("trasig.toml", "ogiltig TOML", line=3),))
    result = overview_of(tmp_path, {"a.toml": BASE}, [broken])
    assert len(result.rows) == 1 and result.unreadable == (broken,)
    text = "\n".join(overview_text(result))
    assert "Kunde inte läsas (1):" in text and "trasig.toml:3: ogiltig TOML" in text


def test_overview_text_has_a_total_row(tmp_path):
    lines = overview_text(overview_of(tmp_path, {"a.toml": BASE, "b.toml": federation("Samordningsförbundet B")}))
    assert lines[1].startswith("Förbund") and "Överskridande" in lines[1]
    total = next(line for line in lines if line.startswith("Totalt"))
    assert "2 scenarier, 2 förbund" in total and "4 000 000" in total and "30 %" in total


# -- finding and reading the files ------------------------------------------------------


def test_folders_are_searched_for_toml_files(tmp_path):
    (tmp_path / "lan" / "sub").mkdir(parents=True)
    (tmp_path / "lan" / ".git").mkdir()
    for name in ("lan/b.toml", "lan/sub/a.toml", "lan/.git/x.toml", "lan/readme.md"):
        (tmp_path / name).write_text("", encoding="utf-8")
    found, problems = scenario_paths([tmp_path / "lan"])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["lan/b.toml", "lan/sub/a.toml"]
    assert problems == []


def test_missing_names_and_empty_folders_are_problems(tmp_path):
    (tmp_path / "tom").mkdir()
    found, problems = scenario_paths([tmp_path / "tom", tmp_path / "saknas.toml"])
    assert found == []
    assert ["inga scenariofiler" in problems[0].message, problems[1].message] == [True, "filen eller mappen finns inte"]


def test_a_broken_file_does_not_stop_the_others(tmp_path):
    good = write(tmp_path, BASE, "bra.toml")
    bad = write(tmp_path, replace("2022 = 1200000", '2022 = "abc"'), "trasig.toml")
    (_, scenario_a, _), (_, scenario_b, problems_b) = read_scenarios([good, bad])
    assert scenario_a is not None and scenario_b is None
    assert problems_b[0].key == "[projects.jobbsam].amounts.2022"


def test_folders_skip_other_kinds_of_input_with_a_note(tmp_path):
    write(tmp_path, BASE, "scenario.toml")
    write(tmp_path, 'format = 1\nkind = "actuals"\nyear = 2022\n', "utfall.toml")
    write(tmp_path, '# regler\nformat = 1\nkind = "rules"\n[[equity_cap]]\nshare = "10%"\n', "regler.toml")
    found, problems = scenario_paths([tmp_path])
    assert [p.name for p in found] == ["scenario.toml"]
    assert [(p.severity, p.file.endswith(name)) for p, name in zip(problems, ("regler.toml", "utfall.toml"))] == [
        ("warning", True), ("warning", True),
    ]
    named, named_problems = scenario_paths([tmp_path / "utfall.toml"])
    assert [p.name for p in named] == ["utfall.toml"] and named_problems == []
