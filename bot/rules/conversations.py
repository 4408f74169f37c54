"""Conversation types for 1:1s, the size of their guides, and when a special conversation is due.

Rules and their sources:

- Types (`research/norway-domain.md` §6, `research/seed-material.md` "When to hold a follow-up conversation"):
  the ordinary oppfølgingssamtale; the prøvetidssamtale for a new employee; the annual medarbeidersamtale; the
  conversation on returning after a long absence; recognition after exceptional effort; the bekymringssamtale when
  performance or engagement drops (listening and support, not confrontation); and the conversation after a
  conflict. The texts of each guide live in the `guide` catalog area, not here.
- Probation (aml § 15-6, via norway-domain.md §6.2): a prøvetid lasts at most 6 months, and the employee is owed
  guidance and follow-up during it. The app plans check-ins at about 1, 3 and 5 months after the start date, so
  the last one comes before a 6-month prøvetid ends. Months are calendar months: the same day of the month,
  clamped to the month's last day (31 January + 1 month = 28 or 29 February). These are *target days*; the 1:1
  planner holds the check-in at the pair's meeting nearest each target, which is itself moved to a working day.
- Annual conversation (seed material: "everyone should have at least one a year"; norway-domain.md §6.1): one is
  due when 12 months have passed since the last annual conversation, or since the pair started when there has
  been none.
- Life-phase topics (seed material, "Life-phase topics"): optional talking points for the annual conversation
  (medarbeidersamtale) only, grouped by a rough career phase, all phases shown to both: the manager in the
  guide, the employee with the preparation questions. They are offered, never assigned by age, so nothing here
  knows a person's age.

Catalog key scheme (area `guide`; `<type>` is a `ConversationType` value, `<phase>` a `LIFE_PHASES` id):

- `guide.<type>.name`, `guide.<type>.intro`, `guide.<type>.q1` … `guide.<type>.q<GUIDE_QUESTIONS[type]>`,
  `guide.<type>.after`;
- `guide.prep.title`, `guide.prep.q1` … `guide.prep.q<PREP_QUESTIONS>` (the employee's preparation);
- `guide.life.title`, `guide.life.intro` (to the manager), `guide.life.prep_intro` (to the employee),
  `guide.life.<phase>.name`,
  `guide.life.<phase>.t1` … `guide.life.<phase>.t<LIFE_PHASE_TOPICS[phase]>`;
- `guide.privacy_note`.

Pure: dates in, dates, booleans and key names out.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from types import MappingProxyType


class ConversationType(StrEnum):
    """The kind of a 1:1 conversation; the value is stored on a meeting and used in catalog keys."""

    ORDINARY = "ordinary"  # oppfølgingssamtale: the regular short 1:1
    PROBATION = "probation"  # prøvetidssamtale
    ANNUAL = "annual"  # medarbeidersamtale
    RETURN = "return"  # tilbake etter fravær: after a long absence
    RECOGNITION = "recognition"  # anerkjennelse after exceptional effort
    CONCERN = "concern"  # bekymringssamtale: performance or engagement has dropped
    CONFLICT = "conflict"  # samtale etter konflikt


GUIDE_QUESTIONS: Mapping[ConversationType, int] = MappingProxyType(
    {
        ConversationType.ORDINARY: 5,
        ConversationType.PROBATION: 6,
        ConversationType.ANNUAL: 7,
        ConversationType.RETURN: 6,
        ConversationType.RECOGNITION: 5,
        ConversationType.CONCERN: 6,
        ConversationType.CONFLICT: 6,
    }
)
"""How many guide questions (`guide.<type>.q1` … `qN`) each type has in every language."""

PREP_QUESTIONS = 3
"""How many preparation questions (`guide.prep.q1` … `qN`) the employee gets before a 1:1."""

LIFE_PHASE_TOPICS: Mapping[str, int] = MappingProxyType(
    {
        "20_30": 4,  # early in the career
        "30_45": 4,  # established
        "45_55": 5,  # experienced
        "55_62": 3,  # later in the career
        "62_70": 5,  # long experience, passing knowledge on
    }
)
"""How many topics (`guide.life.<phase>.t1` … `tN`) each life phase has, in display order."""

LIFE_PHASES: tuple[str, ...] = tuple(LIFE_PHASE_TOPICS)
"""The life-phase ids, in display order (roughly by age, as in the source material)."""

PROBATION_MONTHS = 6
"""aml § 15-6: a prøvetid is at most 6 months."""

PROBATION_CHECKIN_MONTHS = (1, 3, 5)
"""Check-ins at about 1, 3 and 5 months: early, midway, and with time to act before the prøvetid ends."""

ANNUAL_INTERVAL_MONTHS = 12
"""An annual conversation is due 12 months after the last one (or after the pair started)."""


def add_months(d: date, months: int) -> date:
    """The same day of the month `months` calendar months later, clamped to the last day of that month.

    31 January + 1 month is 28 February (29 in a leap year); 29 February + 12 months is 28 February.
    """
    years, month_index = divmod(d.month - 1 + months, 12)
    year, month = d.year + years, month_index + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def probation_checkins(start: date) -> tuple[date, date, date]:
    """Target days of the probation check-ins: 1, 3 and 5 months after `start` (same day of month, clamped).

    They are target days, not meeting days: the 1:1 planner picks the pair's meeting nearest each target and moves
    meetings off weekends and public holidays. The last target always lies before `probation_end(start)`.
    """
    first, second, third = (add_months(start, months) for months in PROBATION_CHECKIN_MONTHS)
    return first, second, third


def probation_end(start: date) -> date:
    """The day six calendar months after `start` (same day of month, clamped): the latest end of the prøvetid.

    aml § 15-6 allows at most 6 months. Counted like a deadline: a prøvetid starting 15 January has run out on
    15 July. An extension for absence (only when agreed in writing) is not modelled here.
    """
    return add_months(start, PROBATION_MONTHS)


def annual_conversation_due_on(*, last_annual: date | None, relationship_start: date) -> date:
    """The day an annual conversation becomes due: 12 months after the last one, or after the pair started."""
    since = last_annual if last_annual is not None else relationship_start
    return add_months(since, ANNUAL_INTERVAL_MONTHS)


def annual_conversation_due(*, last_annual: date | None, relationship_start: date, today: date) -> bool:
    """True when there has been no annual conversation for 12 months.

    Counted from the last annual conversation, or from `relationship_start` (when the pair started) if there has
    been none. Due from the same day of the month a year later: a pair that started 15 January 2026 is due on
    15 January 2027, not on the 14th; one counted from 29 February is due on 28 February.
    """
    return today >= annual_conversation_due_on(last_annual=last_annual, relationship_start=relationship_start)


def default_type(
    *, meeting_day: date, probation_targets: Sequence[date], annual_due: bool, window_days: int
) -> ConversationType:
    """The suggested type for a meeting on `meeting_day`; the manager can still choose another.

    - PROBATION when a probation check-in target falls in the meeting's window: the `window_days` days centred on
      the meeting day, from `meeting_day - window_days // 2` (inclusive) to `meeting_day + (window_days -
      window_days // 2)` (exclusive). With `window_days` equal to the cadence's interval (7, 14, 21; about 30 for
      monthly), the windows of consecutive meetings tile the calendar, so each target goes to exactly one meeting:
      the nearest one. A smaller window can leave a target with no meeting; a larger one gives it to several.
    - else ANNUAL when `annual_due` (see `annual_conversation_due`);
    - else ORDINARY.

    Raises ValueError when `window_days` is less than 1.
    """
    if window_days < 1:
        raise ValueError(f"window_days must be at least 1, got {window_days}")
    window_start = meeting_day - timedelta(days=window_days // 2)
    window_end = window_start + timedelta(days=window_days)
    if any(window_start <= target < window_end for target in probation_targets):
        return ConversationType.PROBATION
    if annual_due:
        return ConversationType.ANNUAL
    return ConversationType.ORDINARY


# ---- catalog keys --------------------------------------------------------------------------------------------


def guide_question_keys(kind: ConversationType) -> tuple[str, ...]:
    """`guide.<type>.q1` … `guide.<type>.qN`, N = `GUIDE_QUESTIONS[kind]`."""
    return tuple(f"guide.{kind.value}.q{number}" for number in range(1, GUIDE_QUESTIONS[kind] + 1))


def prep_question_keys() -> tuple[str, ...]:
    """`guide.prep.q1` … `guide.prep.qN`, N = `PREP_QUESTIONS`."""
    return tuple(f"guide.prep.q{number}" for number in range(1, PREP_QUESTIONS + 1))


def life_phase_topic_keys(phase: str) -> tuple[str, ...]:
    """`guide.life.<phase>.t1` … `tN`, N = `LIFE_PHASE_TOPICS[phase]`; KeyError for an unknown phase."""
    return tuple(f"guide.life.{phase}.t{number}" for number in range(1, LIFE_PHASE_TOPICS[phase] + 1))


@dataclass(frozen=True)
class LifePhaseTopics:
    """One life phase as it is offered: the catalog key of its name and of each of its topics."""

    phase: str
    name_key: str
    topic_keys: tuple[str, ...]


def life_phase_topics(kind: ConversationType) -> tuple[LifePhaseTopics, ...]:
    """The optional life-phase topics offered with a conversation of `kind`, phases in display order.

    Every phase for the annual medarbeidersamtale (seed material, "Life-phase topics"), so the pair picks what
    fits the person whatever their age; none for any other kind of conversation.
    """
    if kind is not ConversationType.ANNUAL:
        return ()
    return tuple(
        LifePhaseTopics(phase=phase, name_key=f"guide.life.{phase}.name", topic_keys=life_phase_topic_keys(phase))
        for phase in LIFE_PHASES
    )
