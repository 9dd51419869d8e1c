"""The driftsredovisning in the terminal: the summary table, marked deviations, warnings."""

from __future__ import annotations

from decimal import Decimal

from finsam_budget.drift import Driftsredovisning
from finsam_budget.drift.tables import SHARE, drift_tables
from finsam_budget.labels import counts_text
from finsam_budget.model import Finding
from finsam_budget.money import format_amount, format_percent
from finsam_budget.rules import count_by_severity
from finsam_budget.writers.report import findings_text
from finsam_budget.writers.table import render_table


def drift_summary_text(report: Driftsredovisning, findings: list[Finding]) -> list[str]:
    """What `drift` prints: the summary block as a table, then what needs attention.

    The figures are the summary table's (``drift.tables``), the same cells the workbook shows.
    """
    summary = drift_tables(report).summary
    shown = [column for column in summary.columns if column.key != SHARE]
    headings = [column.heading for column in shown]
    rows = [(row.label, [row.amount(column.key) for column in shown]) for row in summary.rows]
    lines = [f"{report.federation}: {report.heading} (budget: {report.title})"]
    lines += render_table(headings, rows)

    marked = [row for row in report.flow_rows() if report.is_marked(row)]
    limits = report.thresholds.describe()
    if marked:
        lines.append(f"Ogynnsamma avvikelser över gränserna ({limits}):")
        for row in marked:
            deviation = report.marked_deviation(row) or Decimal(0)  # a marked row has one
            ratio = report.marked_share(row)
            share = "" if ratio is None else f", {format_percent(ratio)}"
            lines.append(f"  {row.label}: {format_amount(deviation)} kr{share}")
    else:
        lines.append(f"Inga ogynnsamma avvikelser över gränserna ({limits}).")
    # What needs attention: errors first, then warnings, then what is only said.
    lines += findings_text(f for f in findings if f.severity == "error")
    lines += [problem.labelled for problem in report.warnings]
    lines += findings_text(f for f in findings if f.severity == "warning")
    if report.interim and report.estimated_lines():
        count = len(report.estimated_lines())
        lines.append(
            f"Prognos helår: {count} {'rad' if count == 1 else 'rader'} utan prognos i filen; "
            f"där är prognosen {report.forecast_method()}."
        )
    counts = count_by_severity(findings)
    lines.append(f"Scenariots kontroller för {report.year}: {counts_text(counts)}")
    return lines
