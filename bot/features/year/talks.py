"""The medarbeidersamtale: the manager picks the date; the employee prepares in private and shares when ready;
the manager's guide shows last year's agreed goals and tiltak; after the talk the manager writes the summary
and the employee confirms it.

Only the pair sees anything: every intent checks that the caller is the talk's manager or its employee (the
preparation form and the confirmation are the employee's, the guide and the summary the manager's), and anything
else looks exactly like "not found". The preparation stays the employee's until they press "Del med lederen".
A talk can only be set up by the employee's accepted manager (`bot.features.consent`).
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.contract.year import PeriodResult, PlanRow, PrepAnswer, TalkGuide, TalkResult, YearError
from bot.core.audit import Action, audit
from bot.core.deps import Deps
from bot.core.persons import load_view, refresh_profiles
from bot.core.relationships import notice
from bot.features.tiltak import TiltakDraft, TiltakService
from bot.features.year.settings import load_period, save_period
from bot.features.year.views import TalkRef, prep_json, summary_json, talk_view
from bot.outbox.engine import OutboxService
from bot.rules.annual import SUMMARY_ROWS, TEXT_LIMIT, invite_day, parse_period
from bot.rules.dateparse import DateParseError, parse_date
from storage import team_repo, year_repo
from storage.db import transaction
from storage.tiltak_models import TiltakSource
from storage.year_models import AnnualTalk

SUMMARY = "year.summary"
SHARED_NOTICE = "year.prep_shared_notice"
CONFIRMED_NOTICE = "year.summary_confirmed_notice"


class AnnualTalkService:
    def __init__(self, deps: Deps, outbox: OutboxService, tiltak: TiltakService) -> None:
        self._deps = deps
        self._outbox = outbox
        self._tiltak = tiltak

    async def schedule_talk(
        self, *, team_id: str, manager_id: str, employee_id: str | None, date_text: str | None
    ) -> TalkResult:
        """`medarbeidersamtale <@bruker> <dato>`: the date of this year's talk (a later call moves it)."""
        now = self._deps.now()
        await refresh_profiles(self._deps, team_id=team_id, user_ids=[manager_id, employee_id or ""])
        async with transaction(self._deps.sessions) as session:
            manager = await load_view(session, self._deps, team_id=team_id, user_id=manager_id)
            if employee_id is None:
                return TalkResult(manager.lang, YearError.NO_USER)
            if await team_repo.manager_of(session, team_id=team_id, employee_id=employee_id) != manager_id:
                return TalkResult(manager.lang, YearError.NOT_MANAGER, employee_id)
            try:
                day = parse_date(date_text or "", today=manager.today(now))
            except DateParseError:
                return TalkResult(manager.lang, YearError.BAD_DATE, employee_id)
            talks = await year_repo.talks_between(
                session, team_id=team_id, manager_id=manager_id, employee_id=employee_id
            )
            open_talk = next((t for t in talks if t.manager_confirmed_at is None), None)
            if open_talk is None:
                open_talk = await year_repo.add_talk(
                    session,
                    talk=AnnualTalk(
                        team_id=team_id, manager_id=manager_id, employee_id=employee_id, talk_date=day, created_at=now
                    ),
                )
            open_talk.talk_date = day
            await session.flush()
            period = await load_period(session, team_id=team_id)
            return TalkResult(
                manager.lang,
                employee_id=employee_id,
                talk=talk_view(open_talk, viewer=manager_id),
                invite_on=max(invite_day(day), manager.today(now)),
                in_period=period.contains(day),
            )

    async def _talk(
        self, session: AsyncSession, team_id: str, viewer: str, talk_id: int | None, *, as_manager: bool
    ) -> AnnualTalk | None:
        if talk_id is None:
            return None
        talk = await year_repo.get_talk(session, team_id=team_id, talk_id=talk_id)
        if talk is None or (talk.manager_id if as_manager else talk.employee_id) != viewer:
            return None
        # A talk whose manager is no longer the employee's manager is closed to both.
        if await team_repo.manager_of(session, team_id=team_id, employee_id=talk.employee_id) != talk.manager_id:
            return None
        return talk

    async def open_talk(
        self, *, team_id: str, viewer: str, talk_id: int | None, as_manager: bool
    ) -> tuple[str, TalkGuide | None]:
        """The guide (the manager) or the preparation form (the employee), with the last agreed talk before."""
        async with transaction(self._deps.sessions) as session:
            lang = (await load_view(session, self._deps, team_id=team_id, user_id=viewer)).lang
            talk = await self._talk(session, team_id, viewer, talk_id, as_manager=as_manager)
            if talk is None:
                return lang, None
            earlier = await year_repo.talks_between(
                session, team_id=team_id, manager_id=talk.manager_id, employee_id=talk.employee_id
            )
            agreed = [
                t
                for t in earlier
                if t.id != talk.id
                and t.talk_date < talk.talk_date
                and t.manager_confirmed_at is not None
                and t.employee_confirmed_at is not None
            ]
            previous = talk_view(agreed[0], viewer=viewer) if agreed else None
            return lang, TalkGuide(lang, viewer, talk_view(talk, viewer=viewer), previous)

    async def save_prep(
        self, *, team_id: str, viewer: str, talk_id: int | None, answers: tuple[PrepAnswer, ...]
    ) -> TalkResult:
        """The employee saves the preparation as a draft: nobody else sees it."""
        now = self._deps.now()
        async with transaction(self._deps.sessions) as session:
            lang = (await load_view(session, self._deps, team_id=team_id, user_id=viewer)).lang
            talk = await self._talk(session, team_id, viewer, talk_id, as_manager=False)
            if talk is None:
                return TalkResult(lang, YearError.NOT_FOUND)
            if any(len(a.text) > TEXT_LIMIT for a in answers):
                return TalkResult(lang, YearError.TOO_LONG)
            talk.prep = prep_json(answers)
            talk.prep_saved_at = now
            await session.flush()
            return TalkResult(lang, employee_id=viewer, talk=talk_view(talk, viewer=viewer))

    async def share_prep(self, *, team_id: str, viewer: str, talk_id: int | None) -> TalkResult:
        """ "Del med lederen": from now on the manager sees the preparation (and is told once)."""
        now = self._deps.now()
        async with transaction(self._deps.sessions) as session:
            lang = (await load_view(session, self._deps, team_id=team_id, user_id=viewer)).lang
            talk = await self._talk(session, team_id, viewer, talk_id, as_manager=False)
            if talk is None:
                return TalkResult(lang, YearError.NOT_FOUND)
            if talk.prep_saved_at is None:
                return TalkResult(lang, YearError.NOTHING_TO_SHARE)
            if talk.prep_shared_at is None:
                talk.prep_shared_at = now
                await notice(
                    session,
                    self._outbox,
                    team_id=team_id,
                    user_id=talk.manager_id,
                    key=SHARED_NOTICE,
                    params={"employee": talk.employee_id},
                    event=f"year:{talk.id}:shared",
                )
            await session.flush()
            return TalkResult(lang, employee_id=viewer, talk=talk_view(talk, viewer=viewer), shared=True)

    async def write_summary(
        self,
        *,
        team_id: str,
        viewer: str,
        talk_id: int | None,
        goals: tuple[PlanRow, ...],
        tiltak: tuple[PlanRow, ...],
    ) -> TalkResult:
        """The manager writes the plan (which confirms it for them); the employee is asked to confirm it."""
        now = self._deps.now()
        async with transaction(self._deps.sessions) as session:
            lang = (await load_view(session, self._deps, team_id=team_id, user_id=viewer)).lang
            talk = await self._talk(session, team_id, viewer, talk_id, as_manager=True)
            if talk is None:
                return TalkResult(lang, YearError.NOT_FOUND)
            if not goals and not tiltak:
                return TalkResult(lang, YearError.NO_SUMMARY)
            if any(len(row.text) > TEXT_LIMIT for row in goals + tiltak):
                return TalkResult(lang, YearError.TOO_LONG)
            tracked = {"tracked": True} if talk.summary.get("tracked") else {}
            talk.summary = {**summary_json(goals[:SUMMARY_ROWS], tiltak[:SUMMARY_ROWS]), **tracked}
            talk.manager_confirmed_at = now
            talk.employee_confirmed_at = None
            await session.flush()
            await self._ask_to_confirm(session, talk, now)
            return TalkResult(
                lang, employee_id=talk.employee_id, talk=talk_view(talk, viewer=viewer), summary_sent=True
            )

    async def _ask_to_confirm(self, session: AsyncSession, talk: AnnualTalk, now: datetime) -> None:
        assert talk.id is not None
        await self._outbox.tell(
            session,
            team_id=talk.team_id,
            user_id=talk.employee_id,
            kind=SUMMARY,
            key=f"year:summary:{talk.id}:{now.isoformat()}",
            params=TalkRef(talk=talk.id),
        )

    async def confirm_summary(self, *, team_id: str, viewer: str, talk_id: int | None) -> TalkResult:
        """The employee confirms the summary: from now on it is the agreed plan, shown in next year's guide. Its
        tiltak become tracked tiltak (the employee owns them, the manager follows up, both are reminded), once per
        talk: a summary confirmed again after a rewrite adds no second copy."""
        result = await self._confirm(team_id=team_id, viewer=viewer, talk_id=talk_id)
        if result.talk is not None and result.confirmed and result.summary_sent:
            for row in result.talk.tiltak:
                draft = TiltakDraft(
                    text=row.text,
                    owner_id=result.talk.employee_id,
                    due_date=row.due,
                    source=TiltakSource.ONE_ON_ONE,
                    counterpart_id=result.talk.manager_id,
                )
                await self._tiltak.create_tiltak(team_id=team_id, actor_id=result.talk.manager_id, draft=draft)
        return result

    async def _confirm(self, *, team_id: str, viewer: str, talk_id: int | None) -> TalkResult:
        """Confirm in one transaction; `summary_sent` in the result: its tiltak are to be tracked now."""
        now = self._deps.now()
        track = False
        async with transaction(self._deps.sessions) as session:
            lang = (await load_view(session, self._deps, team_id=team_id, user_id=viewer)).lang
            talk = await self._talk(session, team_id, viewer, talk_id, as_manager=False)
            if talk is None:
                return TalkResult(lang, YearError.NOT_FOUND)
            if talk.manager_confirmed_at is None:
                return TalkResult(lang, YearError.NO_SUMMARY)
            if talk.employee_confirmed_at is None:
                talk.employee_confirmed_at = now
                track = not talk.summary.get("tracked")
                talk.summary = {**talk.summary, "tracked": True}
                await notice(
                    session,
                    self._outbox,
                    team_id=team_id,
                    user_id=talk.manager_id,
                    key=CONFIRMED_NOTICE,
                    params={"employee": talk.employee_id},
                    event=f"year:{talk.id}:confirmed:{now.isoformat()}",
                )
            await session.flush()
            view = talk_view(talk, viewer=viewer)
            return TalkResult(lang, employee_id=viewer, talk=view, confirmed=True, summary_sent=track)

    async def set_period(self, *, team_id: str, admin_id: str, text: str) -> PeriodResult:
        """`admin medarbeidersamtale oktober–november`: the workspace's period (admins only)."""
        now = self._deps.now()
        await refresh_profiles(self._deps, team_id=team_id, user_ids=[admin_id])
        async with transaction(self._deps.sessions) as session:
            me = await load_view(session, self._deps, team_id=team_id, user_id=admin_id)
            current = await load_period(session, team_id=team_id)
            if not me.is_admin:
                return PeriodResult(me.lang, YearError.NOT_ADMIN, current.first, current.last)
            period = parse_period(text)
            if period is None:
                return PeriodResult(me.lang, YearError.BAD_PERIOD, current.first, current.last)
            await save_period(session, team_id=team_id, period=period, now=now)
            await audit(session, team_id=team_id, actor_id=admin_id, action=Action.SETTINGS_CHANGED, at=now)
            return PeriodResult(me.lang, None, period.first, period.last)
