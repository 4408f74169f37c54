"""Pulse rounds through the outbox: start, invite, remind once, close and publish.

Every sweep (rules in `bot.rules.pulse`):

1. Close: an open round whose closing instant has come gets its results published (`bot.rules.digest`, with the
   round's k and complementary suppression over the teams and the workspace total), the counts and comments of
   hidden teams wiped, and every trace of who took part deleted: the markers, and the round's outbox rows (who
   was invited and who was reminded).
2. Start: when a round day's opening time has come for the first person, the round is created with the k the
   workspace has then and the questions of its round number. One round at a time per workspace.
3. Invite: when the round starts, each member of a team with at least k members gets a marker naming that team,
   all in random order (only they are asked, and only they count in the team's result); each gets the DM once
   their own opening time has come (a manager is never in their own team, so never asked about it). Paused
   people's DMs wait or lapse (outbox `pausable`), and nothing is sent after the close (`expires_at`).
4. Remind: once, at the reminder time, only people whose awaiting marker is still there, and not people who
   were invited after the reminder time. Checked again when the DM is composed.
"""

from __future__ import annotations

import hashlib
import hmac
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.contract.common import Message
from bot.contract.pulse import PulseInvite
from bot.contract.pulse_admin import PulseSettings
from bot.core.deps import Deps
from bot.core.persons import load_view
from bot.features.pulse.results import tally_of_row
from bot.features.pulse.settings import load_pulse_settings
from bot.outbox.engine import Envelope, PlannedMessage
from bot.outbox.params import Params
from bot.rules.calendar import local_date
from bot.rules.closures import is_closed
from bot.rules.digest import WORKSPACE, publish_round
from bot.rules.pulse import (
    closes_at,
    current_round_day,
    deserves_reminder,
    opens_at,
    questions_for,
    reminds_at,
    round_number,
)
from storage import pulse_repo, team_repo
from storage.db import scrub_round_tables, transaction
from storage.models import RecipientType
from storage.pulse_models import PulseRound, PulseTally, RoundStatus

OPEN = "pulse.open"
REMIND = "pulse.remind"


def marker(secret: bytes, *, team_id: str, round_id: str, user_id: str) -> str:
    """The participation marker of a person in a round: an HMAC no one can reverse without the secret."""
    message = f"{team_id}:{round_id}:{user_id}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def message_prefix(round_id: str) -> str:
    return f"pulse:{round_id}:"


def round_time(pulse_round: PulseRound) -> time:
    return time(pulse_round.at_minutes // 60, pulse_round.at_minutes % 60)


async def eligible_teams(session: AsyncSession, *, team_id: str, k: int) -> dict[str, list[str]]:
    """The workspace's teams (manager → members) big enough to be asked: at least k members."""
    teams = await team_repo.list_teams(session)
    return {manager: members for (ws, manager), members in teams.items() if ws == team_id and len(members) >= k}


@dataclass(frozen=True)
class RoundRef(Params):
    """Params of `pulse.open` and `pulse.remind`: the round the DM invites to."""

    round: str = ""


class PulseRounds:
    """The outbox planner of pulse rounds, and the composers of its two DMs."""

    name = "pulse rounds"

    def __init__(self, deps: Deps, *, secret: bytes, rng: random.Random) -> None:
        self._deps = deps
        self._secret = secret
        self._rng = rng

    def token(self, *, team_id: str, round_id: str, user_id: str) -> str:
        return marker(self._secret, team_id=team_id, round_id=round_id, user_id=user_id)

    async def plan(self, session: AsyncSession, *, now: datetime) -> Sequence[PlannedMessage]:
        await self.close_due_rounds(now=now)
        planned: list[PlannedMessage] = []
        workspaces = sorted({ws for ws, _ in await team_repo.list_teams(session)})
        for team_id in workspaces:
            pulse_round = await pulse_repo.open_round(session, team_id=team_id)
            if pulse_round is None:
                settings = await load_pulse_settings(session, team_id=team_id)
                pulse_round = await self._start(session, team_id, settings, now)
            if pulse_round is not None and pulse_round.closes_at > now:
                planned.extend(await self._invite(session, pulse_round, now))
        return planned

    async def _start(
        self, session: AsyncSession, team_id: str, settings: PulseSettings, now: datetime
    ) -> PulseRound | None:
        schedule, zone = settings.schedule, self._deps.defaults.zone
        day = current_round_day(local_date(now, zone), schedule)
        if (
            day is None
            or now >= closes_at(day, zone)
            or await pulse_repo.round_exists(session, team_id=team_id, round_day=day)
        ):
            return None
        teams = await eligible_teams(session, team_id=team_id, k=settings.k)
        members = [m for ms in teams.values() for m in ms]
        for member in members:
            person = await load_view(session, self._deps, team_id=team_id, user_id=member)
            if opens_at(day, schedule.at, person.zone) <= now:
                break
        else:
            return None
        number = round_number(day, schedule.frequency)
        pulse_round = PulseRound(
            team_id=team_id,
            round_day=day,
            number=number,
            at_minutes=schedule.at.hour * 60 + schedule.at.minute,
            questions=list(questions_for(number)),
            k=settings.k,
            closes_at=closes_at(day, zone),
        )
        pulse_round = await pulse_repo.add_round(session, pulse_round=pulse_round)
        await self._mark_members(session, pulse_round, teams, now)
        return pulse_round

    async def _mark_members(
        self, session: AsyncSession, pulse_round: PulseRound, teams: dict[str, list[str]], now: datetime
    ) -> None:
        """Everyone in a team of at least k when the round opens gets a marker naming that team (and nobody who
        joins later does): random order, all at once, so neither row order nor timing follows the user ids."""
        entries = [(member, manager) for manager, members in teams.items() for member in members]
        self._rng.shuffle(entries)
        at = round_time(pulse_round)
        for member, manager in entries:
            person = await load_view(session, self._deps, team_id=pulse_round.team_id, user_id=member)
            if person.is_bot or person.deleted:
                continue
            opening = opens_at(pulse_round.round_day, at, person.zone)
            reminder = reminds_at(pulse_round.round_day, at, person.zone)
            await pulse_repo.invite(
                session,
                team_id=pulse_round.team_id,
                round_id=pulse_round.id,
                token=self.token(team_id=pulse_round.team_id, round_id=pulse_round.id, user_id=member),
                group_key=manager,
                remind=deserves_reminder(
                    invited_at=max(now, opening), reminder_at=reminder, closes=pulse_round.closes_at
                ),
            )

    async def _invite(self, session: AsyncSession, pulse_round: PulseRound, now: datetime) -> list[PlannedMessage]:
        """The DM to everyone marked at the round's opening, once their own opening time has come, and the one
        reminder to those still awaiting at the reminder time."""
        planned: list[PlannedMessage] = []
        team_id, round_id, at = pulse_round.team_id, pulse_round.id, round_time(pulse_round)
        teams = await team_repo.list_teams(session)
        marked = await pulse_repo.invitations(session, round_id=round_id)
        awaiting: set[str] | None = None  # read when the first reminder is due
        for member in sorted({m for (ws, _), members in teams.items() if ws == team_id for m in members}):
            token = self.token(team_id=team_id, round_id=round_id, user_id=member)
            invited = marked.get(token)
            if invited is None:
                continue
            person = await load_view(session, self._deps, team_id=team_id, user_id=member)
            opening = opens_at(pulse_round.round_day, at, person.zone)
            if person.is_bot or person.deleted or opening > now:
                continue
            planned.append(self._message(pulse_round, OPEN, member, opening))
            reminder = reminds_at(pulse_round.round_day, at, person.zone)
            if reminder <= now < pulse_round.closes_at and invited.remind:
                if awaiting is None:
                    awaiting = await pulse_repo.awaiting_tokens(session, round_id=round_id)
                if token in awaiting:
                    planned.append(self._message(pulse_round, REMIND, member, reminder))
        return planned

    @staticmethod
    def _message(pulse_round: PulseRound, kind: str, member: str, not_before: datetime) -> PlannedMessage:
        return PlannedMessage(
            team_id=pulse_round.team_id,
            dedupe_key=f"{message_prefix(pulse_round.id)}{kind}:{member}",
            kind=kind,
            recipient_type=RecipientType.USER,
            recipient_id=member,
            not_before=not_before,
            params=RoundRef(round=pulse_round.id),
            expires_at=pulse_round.closes_at,
            pausable=True,
        )

    async def close_due_rounds(self, *, now: datetime) -> int:
        """Close due rounds in a transaction of their own, then scrub what the database keeps of deleted rows
        (the markers, earlier versions of the tallies, the round's outbox rows): see `storage.db`. Runs before
        the planner's own transaction has touched the database."""
        async with transaction(self._deps.sessions) as session:
            closed = await self.close_due(session, now=now)
        if closed:
            await scrub_round_tables(self._deps.sessions)
        return closed

    async def close_due(self, session: AsyncSession, *, now: datetime) -> int:
        """Close and publish every round whose closing instant has come; returns how many."""
        due = await pulse_repo.rounds_to_close(session, now=now)
        for pulse_round in due:
            await self._close(session, pulse_round)
        return len(due)

    async def _close(self, session: AsyncSession, pulse_round: PulseRound) -> None:
        team_id, round_id = pulse_round.team_id, pulse_round.id
        rows = {row.group_key: row for row in await pulse_repo.tallies(session, round_id=round_id)}
        # The teams as they were when the round opened: only their members were asked, and only they count.
        for manager, invited in (await pulse_repo.invited_per_group(session, round_id=round_id)).items():
            if invited and manager not in rows:
                rows[manager] = PulseTally(team_id=team_id, round_id=round_id, group_key=manager)
                await pulse_repo.add_tally(session, tally=rows[manager])
            if manager in rows:
                rows[manager].invited = invited
        results = publish_round({key: tally_of_row(row) for key, row in rows.items()}, k=pulse_round.k, rng=self._rng)
        for key, row in rows.items():
            row.shown = results[key].shown
            row.counts = {q.question: list(q.distribution) for q in results[key].questions}
            row.comments = list(results[key].comments)
        if rows:
            total = results[WORKSPACE]
            await pulse_repo.add_tally(
                session,
                tally=PulseTally(
                    team_id=team_id,
                    round_id=round_id,
                    group_key=WORKSPACE,
                    n=total.n,
                    invited=sum(row.invited for row in rows.values()),
                    counts={q.question: list(q.distribution) for q in total.questions},
                    shown=total.shown,
                ),
            )
        await pulse_repo.forget_participation(session, round_id=round_id)
        await pulse_repo.delete_round_messages(session, team_id=team_id, key_prefix=message_prefix(round_id))
        pulse_round.status = RoundStatus.CLOSED
        await session.flush()

    async def compose_open(self, session: AsyncSession, envelope: Envelope, now: datetime) -> Message | None:
        return await self._compose(session, envelope, now, reminder=False)

    async def compose_remind(self, session: AsyncSession, envelope: Envelope, now: datetime) -> Message | None:
        return await self._compose(session, envelope, now, reminder=True)

    async def _compose(
        self, session: AsyncSession, envelope: Envelope, now: datetime, *, reminder: bool
    ) -> Message | None:
        """The DM, or None when it no longer makes sense: round closed, already answered, no team, a closure."""
        person = envelope.person
        round_id = envelope.read(RoundRef).round
        pulse_round = await pulse_repo.get_round(session, team_id=envelope.team_id, round_id=round_id)
        if (
            person is None
            or pulse_round is None
            or pulse_round.status != RoundStatus.OPEN
            or pulse_round.closes_at <= now
        ):
            return None
        token = self.token(team_id=envelope.team_id, round_id=round_id, user_id=person.user_id)
        if not await pulse_repo.is_awaiting(session, round_id=round_id, token=token):
            return None
        if await team_repo.manager_of(session, team_id=envelope.team_id, employee_id=person.user_id) is None:
            return None
        settings = await load_pulse_settings(session, team_id=envelope.team_id)
        if is_closed(person.today(now), settings.schedule.closures):
            return None
        return PulseInvite(
            lang=envelope.lang,
            round_id=round_id,
            closes_at=pulse_round.closes_at,
            zone=person.zone.key,
            k=pulse_round.k,
            reminder=reminder,
        )
