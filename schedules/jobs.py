"""Every message the bot sends on its own, on one screen: the outbox kinds.

Each row: the kind (stored in the outbox row), what it says (a `bot.contract` value; `handlers/render.py`
maps that type to its Block Kit builder, `handlers/charts.py` draws the chart), its params (a dataclass,
`bot.outbox.params`), which planner plans it (None: an intent tells it right away with `OutboxService.tell`),
its composer (builds the message from current state at send time, or drops it), and what happens to it when
the bot was down at its time (DESIGN.md, "Missed work"). When each is planned is in the planner's docstring and
DESIGN.md's default schedule; whether it may go now (pause, away, working hours) is `bot.rules.recipient`.
Besides the table, the outbox runs one daily task: the retention purge (`bot.features.privacy`, installed by
`bot.container`); sent and closed rows are deleted after the workspace's outbox period, and planning never plans
a message timed before it (`bot.core.retention`), so a deleted row is never sent again.

| Kind               | Says              | Planned by        | Missed work                                  |
| ------------------ | ----------------- | ----------------- | -------------------------------------------- |
| tiltak.due         | TiltakReminder    | tiltak reminders  | sent late, until the end of the due day      |
| tiltak.overdue     | TiltakReminder    | tiltak reminders  | sent late                                    |
| tiltak.created     | TiltakCreated     | (told)            | sent late, within 14 days                    |
| tiltak.changed     | TiltakChanged     | (told)            | sent late, within 14 days                    |
| oneonone.nudge     | OneOnOneNudge     | 1:1 rhythm        | never after the meeting started              |
| oneonone.followup  | OneOnOneFollowUp  | 1:1 rhythm        | sent late, within 7 days of the meeting      |
| oneonone.moved     | MeetingMoved      | 1:1 rhythm / told | never after the meeting started              |
| oneonone.intro     | OneOnOneIntro     | (told)            | sent late, within 14 days                    |
| oneonone.annual    | AnnualDue         | 1:1 rhythm        | sent late                                    |
| pulse.open         | PulseInvite       | pulse rounds      | only while its round is open                 |
| pulse.remind       | PulseInvite       | pulse rounds      | only while its round is open                 |
| digest.team        | TeamDigest        | weekly digests    | sent late, within the week                   |
| digest.chart       | TrendChart        | weekly digests    | sent late, within the week                   |
| digest.manager     | ManagerDigest     | weekly digests    | sent late, within the week                   |
| digest.org         | TeamDigest        | weekly digests    | sent late, within the week                   |
| digest.shared      | TeamUpdateShared  | (told)            | sent late, within 7 days                     |
| digest.blocked     | DigestBlocked     | (told)            | sent late, within the week                   |
| notice             | Notice            | (told)            | sent late, within 14 days                    |
| consent.request    | ManagerRequestDM  | (told)            | sent late, within 14 days, while unanswered  |
| year.choose_date   | ChooseTalkDate    | year period       | sent late, until the period starts           |
| year.invite        | AnnualInvite      | year invitations  | sent late, until the end of the talk's day   |
| year.summary       | SummaryToConfirm  | (told)            | sent late, within 14 days, until confirmed   |
| year.probation_decision | ProbationDecision | prøvetid decisions | sent late, until the end of the prøvetid |
| sickleave.milestone | MilestoneReminder | sick-leave milestones | sent late, until the end of its deadline day |
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from bot.contract.common import Message, Notice
from bot.contract.consent import ManagerRequestDM
from bot.contract.digest import DigestBlocked, ManagerDigest, TeamDigest, TeamUpdateShared, TrendChart
from bot.contract.oneonone import AnnualDue, MeetingMoved, OneOnOneFollowUp, OneOnOneIntro, OneOnOneNudge
from bot.contract.pulse import PulseInvite
from bot.contract.sickleave import MilestoneReminder
from bot.contract.tiltak import TiltakChanged, TiltakCreated, TiltakReminder
from bot.contract.year import AnnualInvite, ChooseTalkDate, ProbationDecision, SummaryToConfirm
from bot.core.deps import Deps
from bot.core.relationships import REQUEST, RequestRef
from bot.features.consent import compose_request
from bot.features.digest import PulseDigestSource
from bot.features.digest.planner import BLOCKED, CHART, MANAGER, ORG, TEAM, DigestComposers, DigestPlanner
from bot.features.digest.service import SHARED, DigestTarget, SharedUpdate
from bot.features.oneonone.common import AnnualParams, MeetingAt, Moved, PairRef
from bot.features.oneonone.meetings import MOVED
from bot.features.oneonone.pairs import INTRO
from bot.features.oneonone.planner import (
    ANNUAL,
    FOLLOW_UP,
    NUDGE,
    OneOnOnePlanner,
    compose_annual,
    compose_follow_up,
    compose_intro,
    compose_moved,
    compose_nudge,
)
from bot.features.pulse.rounds import OPEN, REMIND, PulseRounds, RoundRef
from bot.features.sickleave import MILESTONE, MilestoneRef, SickLeaveMilestones, compose_milestone
from bot.features.tiltak.reminders import (
    DUE,
    OVERDUE,
    Reminder,
    TiltakReminderPlanner,
    compose_changed,
    compose_created,
    compose_due,
    compose_overdue,
)
from bot.features.tiltak.service import CHANGED, CREATED, TiltakNews
from bot.features.year import (
    CHOOSE,
    DECISION,
    INVITE,
    SUMMARY,
    AnnualInvites,
    PeriodRef,
    PeriodReminders,
    ProbationDecisions,
    ProbationRef,
    TalkRef,
    compose_choose,
    compose_decision,
    compose_invite,
    compose_summary,
)
from bot.outbox.engine import Composer, OutboxService, Planner
from bot.outbox.notices import NOTICE, NoticeParams, compose_notice
from bot.outbox.params import Params


class Missed(StrEnum):
    """What happens to a message whose time came while the bot was down (DESIGN.md, "Missed work")."""

    LATE = "still sent late (within its lifetime, if it has one)"
    WHILE_OPEN = "only while its pulse round is open"
    BEFORE_START = "never after the meeting started"


@dataclass(frozen=True)
class Kit:
    """The planners and composers of one deployment, made once by `install`."""

    tiltak: TiltakReminderPlanner
    oneonone: OneOnOnePlanner
    pulse: PulseRounds
    digest: DigestPlanner
    digests: DigestComposers
    invites: AnnualInvites
    periods: PeriodReminders
    decisions: ProbationDecisions
    sickleave: SickLeaveMilestones


PlannerOf = Callable[[Kit], Planner]
ComposerOf = Callable[[Kit], Composer]


@dataclass(frozen=True)
class Job:
    kind: str
    says: type[Message]
    params: type[Params]
    planner: PlannerOf | None
    compose: ComposerOf
    missed: Missed


def _tiltak(kit: Kit) -> Planner:
    return kit.tiltak


def _oneonone(kit: Kit) -> Planner:
    return kit.oneonone


def _pulse(kit: Kit) -> Planner:
    return kit.pulse


def _digest(kit: Kit) -> Planner:
    return kit.digest


def _invites(kit: Kit) -> Planner:
    return kit.invites


def _periods(kit: Kit) -> Planner:
    return kit.periods


def _decisions(kit: Kit) -> Planner:
    return kit.decisions


def _sickleave(kit: Kit) -> Planner:
    return kit.sickleave


def fn(composer: Composer) -> ComposerOf:
    """A composer that needs nothing from the kit."""
    return lambda _kit: composer


LATE, WHILE_OPEN, BEFORE_START = Missed.LATE, Missed.WHILE_OPEN, Missed.BEFORE_START

JOBS: tuple[Job, ...] = (
    Job(DUE, TiltakReminder, Reminder, _tiltak, fn(compose_due), LATE),
    Job(OVERDUE, TiltakReminder, Reminder, _tiltak, fn(compose_overdue), LATE),
    Job(CREATED, TiltakCreated, TiltakNews, None, fn(compose_created), LATE),
    Job(CHANGED, TiltakChanged, TiltakNews, None, fn(compose_changed), LATE),
    Job(NUDGE, OneOnOneNudge, MeetingAt, _oneonone, fn(compose_nudge), BEFORE_START),
    Job(FOLLOW_UP, OneOnOneFollowUp, MeetingAt, _oneonone, fn(compose_follow_up), LATE),
    Job(MOVED, MeetingMoved, Moved, _oneonone, fn(compose_moved), BEFORE_START),
    Job(INTRO, OneOnOneIntro, PairRef, None, fn(compose_intro), LATE),
    Job(ANNUAL, AnnualDue, AnnualParams, _oneonone, fn(compose_annual), LATE),
    Job(OPEN, PulseInvite, RoundRef, _pulse, lambda k: k.pulse.compose_open, WHILE_OPEN),
    Job(REMIND, PulseInvite, RoundRef, _pulse, lambda k: k.pulse.compose_remind, WHILE_OPEN),
    Job(TEAM, TeamDigest, DigestTarget, _digest, lambda k: k.digests.team, LATE),
    Job(CHART, TrendChart, DigestTarget, _digest, lambda k: k.digests.chart, LATE),
    Job(MANAGER, ManagerDigest, DigestTarget, _digest, lambda k: k.digests.manager, LATE),
    Job(ORG, TeamDigest, DigestTarget, _digest, lambda k: k.digests.org, LATE),
    Job(SHARED, TeamUpdateShared, SharedUpdate, None, lambda k: k.digests.shared, LATE),
    Job(BLOCKED, DigestBlocked, DigestTarget, None, lambda k: k.digests.blocked_notice, LATE),
    Job(NOTICE, Notice, NoticeParams, None, fn(compose_notice), LATE),
    Job(REQUEST, ManagerRequestDM, RequestRef, None, fn(compose_request), LATE),
    Job(CHOOSE, ChooseTalkDate, PeriodRef, _periods, fn(compose_choose), LATE),
    Job(INVITE, AnnualInvite, TalkRef, _invites, fn(compose_invite), LATE),
    Job(SUMMARY, SummaryToConfirm, TalkRef, None, fn(compose_summary), LATE),
    Job(DECISION, ProbationDecision, ProbationRef, _decisions, fn(compose_decision), LATE),
    Job(MILESTONE, MilestoneReminder, MilestoneRef, _sickleave, fn(compose_milestone), LATE),
)
"""The job table. A kind the table does not name is never composed: the engine fails its row (`unknown_kind`)."""

WAIT_FOR_CHANNEL = (TEAM, CHART)
"""Channel posts that wait for the bot to be invited (the manager is told once) instead of failing."""


def install(
    outbox: OutboxService, deps: Deps, *, pulse_secret: bytes, rng: random.Random, pulse_source: PulseDigestSource
) -> Kit:
    """Register every planner and composer of the table with the outbox (planners in the order of the table)."""
    kit = Kit(
        tiltak=TiltakReminderPlanner(deps),
        oneonone=OneOnOnePlanner(deps),
        pulse=PulseRounds(deps, secret=pulse_secret, rng=rng),
        digest=DigestPlanner(deps),
        digests=DigestComposers(deps, pulse_source, outbox),
        invites=AnnualInvites(deps),
        periods=PeriodReminders(deps),
        decisions=ProbationDecisions(deps),
        sickleave=SickLeaveMilestones(deps),
    )
    planners: list[Planner] = []
    for job in JOBS:
        planner = job.planner(kit) if job.planner is not None else None
        if planner is not None and all(planner is not known for known in planners):
            planners.append(planner)
        outbox.add_composer(job.kind, job.compose(kit))
    for planner in planners:
        outbox.add_planner(planner)
    for kind in WAIT_FOR_CHANNEL:
        outbox.add_blocked_handler(kind, kit.digests.on_blocked)
    return kit
