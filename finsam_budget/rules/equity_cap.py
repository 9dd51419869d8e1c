"""equity-cap: the equity carried into next year against the recommended cap.

The cap is a share of the year's member contributions from a size-graded table
(default: one band of 20 %). The equity carried is the reserve (carry = "reserve")
or the closing equity (carry = "closing"). Above the cap = warning: the state
allocation may be reduced. Where the room for new activity is positive, the
finding also says what equity would be against the cap if the room were not used.
"""

from __future__ import annotations

from finsam_budget.model import Finding, frozen_map
from finsam_budget.money import format_amount
from finsam_budget.plan.engine import Plan
from finsam_budget.rules.member_split import share_text

RULE = "equity-cap"


def check(plan: Plan) -> list[Finding]:
    findings = []
    carry = plan.scenario.carry
    for f in plan.years:
        carried = f.carried_equity(carry)
        headroom = f.cap_margin(carry)
        cap_text = (
            f"Tak för eget kapital {format_amount(f.equity_cap)} kr "
            f"({share_text(f.cap_share)} av medlemsbidragen {format_amount(f.member_contributions)} kr)"
        )
        carried_text = "reserv" if carry == "reserve" else "utgående eget kapital"
        if headroom >= 0:
            severity = "info"
            text = (
                f"{cap_text}; eget kapital som förs vidare ({carried_text}) {format_amount(carried)} kr, "
                f"marginal {format_amount(headroom)} kr"
            )
        else:
            severity = "warning"
            text = (
                f"{cap_text}; eget kapital som förs vidare ({carried_text}) {format_amount(carried)} kr "
                f"överstiger taket med {format_amount(-headroom)} kr; statens tilldelning kan minskas"
            )
        amounts = {"cap": f.equity_cap, "carried_equity": carried, "headroom": headroom}
        if f.room > 0 and carry == "reserve":
            unused = f.closing_equity
            unused_headroom = f.equity_cap - unused
            amounts["equity_if_room_unused"] = unused
            amounts["headroom_if_room_unused"] = unused_headroom
            text += (
                f". Används inte utrymmet för ny verksamhet ({format_amount(f.room)} kr) blir eget kapital "
                f"{format_amount(unused)} kr, "
                + (
                    f"{format_amount(-unused_headroom)} kr över taket"
                    if unused_headroom < 0
                    else f"{format_amount(unused_headroom)} kr under taket"
                )
            )
        findings.append(Finding(RULE, severity, f.year, "equity", text, frozen_map(amounts)))
    return findings
