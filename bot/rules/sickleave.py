"""Sick-leave follow-up milestones (sykefraværsoppfølging): when the employer's duties fall due.

Version `RULES_VERSION`; a case remembers the version it was planned with. Sources (`research/norway-domain.md`
§1; nav.no "Avtalepunkter og frister i sykefraværsoppfølgingen"):

| Milestone | Weeks | Rule                                                                      | Source        |
| --------- | ----- | ------------------------------------------------------------------------- | ------------- |
| plan      | 4     | the oppfølgingsplan is made with the employee                             | aml § 4-6 (3) |
| dialogue1 | 7     | dialogmøte 1 when fully absent; when graded, decide whether it is useful  | aml § 4-6 (4) |
| activity  | 8     | the activity requirement: work-related activity unless an exception       | ftrl § 8-8    |
| nav_plan  | 25    | an updated plan to NAV a week before dialogmøte 2, which NAV holds by 26  | ftrl § 8-7 a  |

Counting: weeks are calendar weeks from the first day of absence, which is day 1; the deadline of an N-week
milestone is the last day of the N-th week (`start + 7·N − 1`): absent from Monday 7 December, the plan is due
by Sunday 3 January. The reminder comes `NOTICE_DAYS` before the deadline, at 09:00 on that day, or on the
working day before it when that day is a weekend, a public holiday or a closure of the workspace (earlier, never
later, so the notice is never shorter). A milestone whose reminder day comes after the case ended is not
reminded. Nothing here knows anything about health: only the start, whether the leave is graded, and the end.

Retention: the case and its milestones are deleted `DEFAULT_RETENTION_MONTHS` calendar months after the case
ended (NAV keeps its digital plan visible for 4 months after a sick leave ends, nav.no "Digital oppfølgingsplan").

Pure: dates in, dates out; the working calendar is a parameter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from bot.rules.calendar import ORDINARY_DAYS, WorkCalendar, working_day_on_or_before
from bot.rules.conversations import add_months

RULES_VERSION = "2026-12-01"
NOTICE_DAYS = 7
DEFAULT_RETENTION_MONTHS = 4
MAX_RETENTION_MONTHS = 24
NAV_PLAN_URL = "https://www.nav.no/arbeidsgiver/oppfolgingsplan"
"""NAV's page for employers on the oppfølgingsplan (nav.no, "Oppfølgingsplan — for arbeidsgivere": the digital
plan, reached from "Dine sykmeldte", its 4-week deadline and when NAV asks for it)."""


class Milestone(StrEnum):
    PLAN = "plan"
    DIALOGUE_1 = "dialogue1"
    ACTIVITY = "activity"
    NAV_PLAN = "nav_plan"


@dataclass(frozen=True)
class MilestoneRule:
    milestone: Milestone
    weeks: int
    source: str


RULES: tuple[MilestoneRule, ...] = (
    MilestoneRule(Milestone.PLAN, 4, "aml § 4-6 (3)"),
    MilestoneRule(Milestone.DIALOGUE_1, 7, "aml § 4-6 (4)"),
    MilestoneRule(Milestone.ACTIVITY, 8, "ftrl § 8-8"),
    MilestoneRule(Milestone.NAV_PLAN, 25, "ftrl § 8-7 a"),
)
"""The milestones, in order of their deadlines."""


@dataclass(frozen=True)
class Due:
    """One milestone of one case: its deadline, the day its reminder comes, and whether it is "decide whether
    useful" (dialogmøte 1 for a graded absence) rather than a duty."""

    milestone: Milestone
    deadline: date
    remind_on: date
    decide_only: bool
    source: str


def rule_of(milestone: Milestone) -> MilestoneRule:
    return next(rule for rule in RULES if rule.milestone is milestone)


def deadline(start: date, weeks: int) -> date:
    """The last day of the `weeks`-th calendar week counted from `start` (day 1)."""
    return start + timedelta(days=7 * weeks - 1)


def milestones(
    start: date, *, graded: bool, end: date | None = None, calendar: WorkCalendar = ORDINARY_DAYS
) -> tuple[Due, ...]:
    """Every milestone still to remind for a case from `start` (graded or not) that ended on `end` (or not)."""
    out: list[Due] = []
    for rule in RULES:
        due = deadline(start, rule.weeks)
        remind_on = working_day_on_or_before(due - timedelta(days=NOTICE_DAYS), calendar)
        if end is not None and remind_on > end:
            continue
        decide_only = graded and rule.milestone is Milestone.DIALOGUE_1
        out.append(Due(rule.milestone, due, remind_on, decide_only, rule.source))
    return tuple(out)


def delete_on(end: date, retention_months: int = DEFAULT_RETENTION_MONTHS) -> date:
    """The day a case that ended on `end` is deleted."""
    return add_months(end, retention_months)


def retention_months(value: object) -> int | None:
    """The months an ended case is kept, read from what an admin typed: a whole number from 1 to
    `MAX_RETENTION_MONTHS`, else None. Source: issue 17 (configurable; 4 by default, as long as NAV shows its plan)."""
    text = str(value or "").strip()
    if not text.isdigit():
        return None
    months = int(text)
    return months if 1 <= months <= MAX_RETENTION_MONTHS else None
