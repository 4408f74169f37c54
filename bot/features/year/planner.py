"""The medarbeidersamtale through the outbox: the invitation to both, 14 days before the talk, and the summary
the employee is asked to confirm.

The invitation goes at 09:00 in each person's zone on the working day on or before 14 days before the talk (a
talk set up later than that is invited at once); it lapses at the end of the talk's day. A talk moved to another
date gets fresh invitations (the dedupe key carries the date) and the old ones are dropped when composed. Both are
invited only while the talk's manager is still the employee's accepted manager.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.contract.common import Message
from bot.contract.year import AnnualInvite, SummaryToConfirm
from bot.core.deps import Deps
from bot.core.persons import load_view
from bot.core.workcalendar import load_work_calendar
from bot.features.year.views import TalkRef, talk_view
from bot.outbox.types import Envelope, PlannedMessage
from bot.rules.annual import invite_day
from bot.rules.calendar import DEFAULT_SEND_TIME, local_instant, working_day_on_or_before
from storage import team_repo, year_repo
from storage.models import RecipientType
from storage.year_models import AnnualTalk

INVITE = "year.invite"


class AnnualInvites:
    name = "medarbeidersamtale invitations"

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    async def plan(self, session: AsyncSession, *, now: datetime) -> list[PlannedMessage]:
        planned: list[PlannedMessage] = []
        for talk in await year_repo.talks_from(session, day=(now - timedelta(days=1)).date()):
            if talk.manager_confirmed_at is not None:
                continue
            if await team_repo.manager_of(session, team_id=talk.team_id, employee_id=talk.employee_id) != (
                talk.manager_id
            ):
                continue
            calendar = await load_work_calendar(session, team_id=talk.team_id)
            day = working_day_on_or_before(invite_day(talk.talk_date), calendar)
            for user in (talk.manager_id, talk.employee_id):
                person = await load_view(session, self._deps, team_id=talk.team_id, user_id=user)
                at = max(local_instant(day, DEFAULT_SEND_TIME, person.zone), talk.created_at)
                until = local_instant(talk.talk_date, DEFAULT_SEND_TIME, person.zone) + timedelta(hours=15)
                if not at <= now < until:
                    continue
                assert talk.id is not None
                planned.append(
                    PlannedMessage(
                        team_id=talk.team_id,
                        dedupe_key=f"year:invite:{talk.id}:{talk.talk_date}:{user}",
                        kind=INVITE,
                        recipient_type=RecipientType.USER,
                        recipient_id=user,
                        not_before=at,
                        params=TalkRef(talk=talk.id, talk_date=talk.talk_date),
                        expires_at=until,
                    )
                )
        return planned


async def _talk(session: AsyncSession, envelope: Envelope, ref: TalkRef) -> AnnualTalk | None:
    talk = await year_repo.get_talk(session, team_id=envelope.team_id, talk_id=ref.talk)
    if talk is None or envelope.recipient_id not in (talk.manager_id, talk.employee_id):
        return None
    if await team_repo.manager_of(session, team_id=talk.team_id, employee_id=talk.employee_id) != talk.manager_id:
        return None
    return talk


async def compose_invite(session: AsyncSession, envelope: Envelope, now: datetime) -> Message | None:
    del now
    ref = envelope.read(TalkRef)
    talk = await _talk(session, envelope, ref)
    if talk is None or talk.talk_date != ref.talk_date or talk.manager_confirmed_at is not None:
        return None
    return AnnualInvite(
        lang=envelope.lang, recipient=envelope.recipient_id, talk=talk_view(talk, viewer=envelope.recipient_id)
    )


async def compose_summary(session: AsyncSession, envelope: Envelope, now: datetime) -> Message | None:
    """To the employee; dropped once confirmed or when the summary was written again since (a newer one goes)."""
    del now
    talk = await _talk(session, envelope, envelope.read(TalkRef))
    if talk is None or envelope.recipient_id != talk.employee_id or talk.manager_confirmed_at is None:
        return None
    if talk.employee_confirmed_at is not None:
        return None
    return SummaryToConfirm(lang=envelope.lang, talk=talk_view(talk, viewer=envelope.recipient_id))
