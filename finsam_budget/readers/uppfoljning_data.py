"""A follow-up file's parsed data (a TOML document, or the same tree from a table) → ``Followup``.

One semantic reader for every kind of follow-up file: the TOML reader and the
table reader (CSV, xlsx) both build the nested data a TOML file gives and report
each problem through ``Fields`` at its key path, so that the same mistake gets the
same Swedish words in every kind of file.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from finsam_budget.actuals import explain_line_id, is_line_id
from finsam_budget.followup import (
    AT_LEAST,
    AT_MOST,
    DISTRIBUTED,
    EXIT_REASONS,
    FLOW,
    MAX_COUNT,
    SEXES,
    Distribution,
    Exits,
    Followup,
    FollowupPeriod,
    Goal,
    Insats,
)
from finsam_budget.problems import shown_value
from finsam_budget.readers.toml_fields import Fields
from finsam_budget.readers.toml_keys import KeyPath

KIND = "uppfoljning"
TOP_KEYS = ("format", "kind", "federation", "source", "insats")
INSATS_KEYS = ("name", "line", "goals", "period")
PERIOD_KEYS = (*FLOW, "avslut", "fordelning")
TOTAL_KEYS = ("procent", "summa", "saknas")
DISTRIBUTION_KEYS = ("of", "kategorier", *TOTAL_KEYS)
FIRST_YEAR, LAST_YEAR = 1990, 2200

_PERIOD = re.compile(r"([0-9]{4})(?:-([0-9]{4}))?", re.ASCII)
_GOAL = re.compile(r"\s*(>=|<=|≥|≤)\s*([0-9]{1,3}(?:[.,][0-9]{1,2})?)\s*%\s*", re.ASCII)
_GOAL_EXAMPLE = 'väntade ett mål som ">= 20 %" (minst) eller "<= 25 %" (högst)'


def shown_path(path: KeyPath) -> str:
    """A key path the way the file writes it: ``[insats.steget.period."2023".avslut].sjukdom``."""
    if not path:
        return ""
    parts = [_part(p, quote=i == 3 and path[2] == "period") for i, p in enumerate(path)]
    if path[0] != "insats" or len(path) < 2:
        return ".".join(parts)
    depth = 2
    if len(path) >= 4 and path[2] == "period":
        depth = 4
        if len(path) > 5 and path[4] == "avslut":
            depth = 6 if path[5] in (*SEXES, "totalt") and len(path) > 6 else 5
        elif len(path) > 6 and path[4] == "fordelning":
            depth = 6
    head = "[" + ".".join(parts[:depth]) + "]"
    rest = ".".join(parts[depth:])
    return f"{head}.{rest}" if rest else head


def _part(key: str, *, quote: bool = False) -> str:
    if not quote and key and re.fullmatch(r"[A-Za-z0-9_-]+", key, re.ASCII):
        return key
    return '"' + key.replace("\\", "\\\\").replace('"', '\\"') + '"'


def followup_from_data(data: dict[str, Any], file: str, fields: Fields, *, declared: bool = True) -> Followup:
    """The model of a follow-up file's data; every problem goes to ``fields``.

    ``declared`` is false for a table file, which has no ``format`` and ``kind``.
    """
    fields.unknown_keys(data, TOP_KEYS, ())
    if declared:
        fields.format_and_kind(data, KIND)
    federation = fields.text(data.get("federation"), ("federation",), required=True) or ""
    published = fields.text(data.get("source"), ("source",))
    insatser: list[Insats] = []
    table = data.get("insats")
    if table is None:
        fields.error(("insats",), 'saknas (väntade minst en insats, t.ex. [insats.steget] med name = "Steget")')
    for insats_id, raw in (fields.table(table, ("insats",)) or {}).items():
        insats = _insats(str(insats_id), raw, fields)
        if insats is not None:
            insatser.append(insats)
    return Followup(source=file, federation=federation, insatser=tuple(insatser), published=published)


def _insats(insats_id: str, raw: Any, fields: Fields) -> Insats | None:
    path: KeyPath = ("insats", insats_id)
    fields.identifier(insats_id, path)
    table = fields.table(raw, path)
    if table is None:
        return None
    fields.unknown_keys(table, INSATS_KEYS, path)
    name = fields.text(table.get("name"), path + ("name",), required=True) or insats_id
    line = fields.text(table.get("line"), path + ("line",))
    if line is not None and not is_line_id(line):
        fields.error(path + ("line",), explain_line_id(line))
        line = None
    goals = _goals(table.get("goals"), path + ("goals",), fields)
    periods: list[FollowupPeriod] = []
    if table.get("period") is None:
        fields.error(path + ("period",), f'saknas (väntade minst en period, t.ex. [insats.{insats_id}.period."2023"])')
    for label, period_raw in (fields.table(table.get("period"), path + ("period",)) or {}).items():
        period = _period(str(label), period_raw, path + ("period", str(label)), fields)
        if period is not None:
            periods.append(period)
    return Insats(insats_id, name, shown_path(path), tuple(periods), line, goals)


def _goals(raw: Any, path: KeyPath, fields: Fields) -> tuple[Goal, ...]:
    goals = []
    for reason, text in (fields.table(raw, path) or {}).items():
        where = path + (str(reason),)
        if reason not in EXIT_REASONS:
            fields.error(where, f"okänd avslutsorsak (kända: {', '.join(EXIT_REASONS)})")
            continue
        match = _GOAL.fullmatch(text) if isinstance(text, str) else None
        if match is None:
            fields.error(where, f"{_GOAL_EXAMPLE}, fick {shown_value(text)}")
            continue
        comparison = AT_LEAST if match.group(1) in (">=", "≥") else AT_MOST
        percent = Decimal(match.group(2).replace(",", "."))
        if percent > 100:
            fields.error(where, f"en andel kan inte vara över 100 %, fick {shown_value(text)}")
            continue
        goals.append(Goal(str(reason), comparison, percent, shown_path(where)))
    return tuple(goals)


def _period(label: str, raw: Any, path: KeyPath, fields: Fields) -> FollowupPeriod | None:
    match = _PERIOD.fullmatch(label)
    years = None
    if match is None:
        fields.error(path, 'väntade en period som ett år ("2023") eller ett spann ("2019-2023")')
    else:
        first = int(match.group(1))
        last = int(match.group(2) or first)
        if not (FIRST_YEAR <= first <= last <= LAST_YEAR):
            fields.error(path, f"perioden måste gå framåt i tiden och ligga mellan {FIRST_YEAR} och {LAST_YEAR}")
        else:
            years = (first, last)
    table = fields.table(raw, path)
    if table is None:
        return None
    fields.unknown_keys(table, PERIOD_KEYS, path)
    counts = {name: c for name in FLOW if (c := count(table.get(name), path + (name,), fields)) is not None}
    exits = _exits(table.get("avslut"), path + ("avslut",), fields)
    distributions = []
    for name, dist_raw in (fields.table(table.get("fordelning"), path + ("fordelning",)) or {}).items():
        dist = _distribution(str(name), dist_raw, path + ("fordelning", str(name)), fields)
        if dist is not None:
            distributions.append(dist)
    if years is None:
        return None
    return FollowupPeriod(label, years[0], years[1], counts, shown_path(path), exits, tuple(distributions))


def count(value: Any, path: KeyPath, fields: Fields, *, required: bool = False) -> int | None:
    """A count of people: a whole number from 0 to ``MAX_COUNT``."""
    if value is None and not required:
        return None
    if isinstance(value, float):
        fields.error(path, f"väntade ett heltal (antal personer), fick {shown_value(value)}")
        return None
    number = fields.integer(value, path, required=required)
    if number is None:
        return None
    if not 0 <= number <= MAX_COUNT:
        fields.error(path, f"väntade ett antal personer från 0 till {MAX_COUNT:,}, fick {number}".replace(",", " "))
        return None
    return number


def _percent(value: Any, path: KeyPath, fields: Fields) -> int | None:
    if isinstance(value, float):
        fields.error(path, f"väntade hela procent som publicerat, fick {shown_value(value)}")
        return None
    number = fields.integer(value, path, required=True)
    if number is not None and not 0 <= number <= 100:
        fields.error(path, f"väntade hela procent från 0 till 100 som publicerat, fick {number}")
        return None
    return number


def _counts(raw: Any, path: KeyPath, fields: Fields, allowed: tuple[str, ...] | None) -> dict[str, int]:
    """A table category → count (``allowed`` the known categories, ``None`` for any)."""
    result: dict[str, int] = {}
    for key, value in (fields.table(raw, path) or {}).items():
        where = path + (str(key),)
        if allowed is not None and key not in allowed:
            fields.error(where, f"okänd avslutsorsak (kända: {', '.join(allowed)})")
            continue
        number = count(value, where, fields, required=True)
        if number is not None:
            result[str(key)] = number
    return result


def _totals(table: dict[str, Any], path: KeyPath, fields: Fields, categories: dict[str, int]) -> dict[str, Any]:
    """The published ``procent``, ``summa`` and ``saknas`` of a distribution."""
    procent: dict[str, int] = {}
    for key, value in (fields.table(table.get("procent"), path + ("procent",)) or {}).items():
        where = path + ("procent", str(key))
        if key not in categories:
            fields.error(where, f"kategorin finns inte bland antalen (finns: {', '.join(categories) or 'inga'})")
            continue
        number = _percent(value, where, fields)
        if number is not None:
            procent[str(key)] = number
    return {
        "procent": procent,
        "summa": count(table.get("summa"), path + ("summa",), fields),
        "saknas": count(table.get("saknas"), path + ("saknas",), fields),
    }


def _exits(raw: Any, path: KeyPath, fields: Fields) -> Exits | None:
    table = fields.table(raw, path)
    if table is None:
        return None
    split = [k for k in (*SEXES, "totalt") if k in table]
    reasons = [k for k in table if k not in (*SEXES, "totalt", *TOTAL_KEYS)]
    if split and reasons:
        fields.error(
            path + (str(reasons[0]),),
            "skriv avsluten antingen per orsak eller per kön (kvinnor, man, totalt), inte båda i samma tabell",
        )
        return None
    by_sex: dict[str, dict[str, int]] = {}
    if split:
        for sex in split:
            by_sex[sex] = _counts(table[sex], path + (sex,), fields, EXIT_REASONS)
        missing = [s for s in SEXES if s not in by_sex]
        if len(missing) == 1:
            fields.error(path + (missing[0],), "saknas: avsluten delas per kön, så både kvinnor och man behövs")
        totals = by_sex.pop("totalt", None)
        stated = totals is not None
        if totals is None:
            totals = {r: sum(part.get(r, 0) for part in by_sex.values()) for r in EXIT_REASONS
                      if any(r in part for part in by_sex.values())}
    else:
        totals = _counts({k: table[k] for k in reasons}, path, fields, EXIT_REASONS)
        stated = True
    ordered = {r: totals[r] for r in EXIT_REASONS if r in totals}
    extra = _totals(table, path, fields, ordered)
    distribution = Distribution("avslut", "avslutade", ordered, shown_path(path), **extra)
    return Exits(distribution, by_sex if len(by_sex) == len(SEXES) else {}, stated)


def _distribution(name: str, raw: Any, path: KeyPath, fields: Fields) -> Distribution | None:
    table = fields.table(raw, path)
    if table is None:
        return None
    fields.unknown_keys(table, DISTRIBUTION_KEYS, path)
    of = fields.choice(table.get("of"), path + ("of",), DISTRIBUTED)
    if table.get("kategorier") is None:
        fields.error(path + ("kategorier",), 'saknas (väntade kategorierna och deras antal, t.ex. { "18-29" = 40 })')
    categories = _counts(table.get("kategorier"), path + ("kategorier",), fields, None)
    extra = _totals(table, path, fields, categories)
    if of is None:
        return None
    return Distribution(name, of, categories, shown_path(path), **extra)
