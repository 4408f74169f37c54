"""Who is in whose team, and the workspace's pulse settings: the intents of managers and admins.

`team legg-til` asks the people mentioned whether the caller may be their manager; each joins the caller's team
only by accepting (`bot.features.consent`). Nobody can be their own manager or their own manager's manager.
`team fjern` takes someone out of one's own team; they and the rest of the team are told. Only admins (Slack
admins and owners, or `OPPFOLGING_ADMINS`) see or change the settings. A new k applies to the open round only
while it has no answers; once it has, the round keeps its k and the new one starts with the next round.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.contract.pulse_admin import (
    PulseSettings,
    SettingsDraft,
    SettingsForm,
    SettingsResult,
    TeamProblem,
    TeamResult,
)
from bot.core.audit import Action, audit
from bot.core.deps import Deps
from bot.core.persons import load_view, refresh_profiles
from bot.core.relationships import REMOVED, announce_leave, ask, new_event, notice
from bot.features.pulse.settings import load_pulse_settings, parse_draft, save_pulse_settings
from bot.outbox.engine import OutboxService
from bot.rules.anonymity import round_k
from storage import pulse_repo, team_repo
from storage.consent_models import RequestKind
from storage.db import transaction


class TeamService:
    """Who is in whose team: `team legg-til`, `team fjern`, `team`."""

    def __init__(self, deps: Deps, outbox: OutboxService) -> None:
        self._deps = deps
        self._outbox = outbox

    async def team_add(self, *, team_id: str, manager_id: str, user_ids: Sequence[str]) -> TeamResult:
        """`team legg-til @a @b`: each person is asked (Godta / Avslå) and joins the caller's team only when they
        accept; until then the caller's team, pulse and digest are as before."""
        now = self._deps.now()
        await refresh_profiles(self._deps, team_id=team_id, user_ids=[manager_id, *user_ids])
        async with transaction(self._deps.sessions) as session:
            me = await load_view(session, self._deps, team_id=team_id, user_id=manager_id)
            k = (await load_pulse_settings(session, team_id=team_id)).k
            if not user_ids:
                return TeamResult(me.lang, error=TeamProblem.NO_MENTION, k=k)
            my_manager = await team_repo.manager_of(session, team_id=team_id, employee_id=manager_id)
            asked: list[str] = []
            already: list[str] = []
            refused: list[tuple[str, TeamProblem]] = []
            for user_id in dict.fromkeys(user_ids):
                problem = None
                if user_id == manager_id:
                    problem = TeamProblem.SELF
                elif user_id == my_manager:
                    problem = TeamProblem.YOUR_MANAGER
                else:
                    person = await load_view(session, self._deps, team_id=team_id, user_id=user_id)
                    problem = TeamProblem.BOT if person.is_bot else TeamProblem.DEACTIVATED if person.deleted else None
                if problem is not None:
                    refused.append((user_id, problem))
                    continue
                if await team_repo.manager_of(session, team_id=team_id, employee_id=user_id) == manager_id:
                    already.append(user_id)
                    continue
                await ask(
                    session,
                    self._outbox,
                    team_id=team_id,
                    requester_id=manager_id,
                    employee_id=user_id,
                    kind=RequestKind.TEAM,
                    params={},
                    now=now,
                )
                asked.append(user_id)
            members = await team_repo.team_of(session, team_id=team_id, manager_id=manager_id)
            return TeamResult(
                me.lang,
                members=tuple(members),
                asked=tuple(asked),
                already=tuple(already),
                refused=tuple(refused),
                k=k,
            )

    async def team_remove(self, *, team_id: str, manager_id: str, user_ids: Sequence[str]) -> TeamResult:
        """`team fjern @a`: only people in the caller's own team can be taken out of it."""
        await refresh_profiles(self._deps, team_id=team_id, user_ids=[manager_id])
        async with transaction(self._deps.sessions) as session:
            me = await load_view(session, self._deps, team_id=team_id, user_id=manager_id)
            k = (await load_pulse_settings(session, team_id=team_id)).k
            if not user_ids:
                return TeamResult(me.lang, error=TeamProblem.NO_MENTION, k=k)
            removed: list[str] = []
            refused: list[tuple[str, TeamProblem]] = []
            event = new_event()
            for user_id in dict.fromkeys(user_ids):
                if await team_repo.manager_of(session, team_id=team_id, employee_id=user_id) != manager_id:
                    refused.append((user_id, TeamProblem.NOT_IN_TEAM))
                    continue
                await team_repo.remove_member(session, team_id=team_id, employee_id=user_id)
                removed.append(user_id)
                await notice(
                    session,
                    self._outbox,
                    team_id=team_id,
                    user_id=user_id,
                    key=REMOVED,
                    params={"manager": manager_id},
                    event=event,
                )
                await announce_leave(
                    session, self._outbox, team_id=team_id, manager_id=manager_id, employee_id=user_id, event=event
                )
            members = await team_repo.team_of(session, team_id=team_id, manager_id=manager_id)
            return TeamResult(me.lang, members=tuple(members), removed=tuple(removed), refused=tuple(refused), k=k)

    async def my_team(self, *, team_id: str, manager_id: str) -> TeamResult:
        await refresh_profiles(self._deps, team_id=team_id, user_ids=[manager_id])
        async with transaction(self._deps.sessions) as session:
            me = await load_view(session, self._deps, team_id=team_id, user_id=manager_id)
            k = (await load_pulse_settings(session, team_id=team_id)).k
            members = await team_repo.team_of(session, team_id=team_id, manager_id=manager_id)
            return TeamResult(me.lang, members=tuple(members), k=k)


class PulseSettingsService:
    """The workspace's pulse settings, seen and changed by admins only."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    async def settings_form(self, *, team_id: str, user_id: str) -> SettingsForm:
        """The current settings for the admin modal; refused for anyone who is not an admin."""
        await refresh_profiles(self._deps, team_id=team_id, user_ids=[user_id])
        async with transaction(self._deps.sessions) as session:
            me = await load_view(session, self._deps, team_id=team_id, user_id=user_id)
            if not me.is_admin:
                return SettingsForm(me.lang, allowed=False)
            settings = await load_pulse_settings(session, team_id=team_id)
            open_round = await pulse_repo.open_round(session, team_id=team_id)
            locked = None
            if open_round is not None and await pulse_repo.answer_count(session, round_id=open_round.id) > 0:
                locked = open_round.k
            return SettingsForm(me.lang, allowed=True, settings=settings, locked_k=locked)

    async def update_pulse_settings(self, *, team_id: str, user_id: str, draft: SettingsDraft) -> SettingsResult:
        """Store new settings (admins only). The open round takes the new k only while it has no answers."""
        now = self._deps.now()
        await refresh_profiles(self._deps, team_id=team_id, user_ids=[user_id])
        async with transaction(self._deps.sessions) as session:
            me = await load_view(session, self._deps, team_id=team_id, user_id=user_id)
            if not me.is_admin:
                return SettingsResult(me.lang, allowed=False)
            parsed = parse_draft(draft)
            if not isinstance(parsed, PulseSettings):
                return SettingsResult(me.lang, problems=parsed)
            await save_pulse_settings(session, team_id=team_id, settings=parsed, now=now)
            await audit(session, team_id=team_id, actor_id=user_id, action=Action.SETTINGS_CHANGED, at=now)
            waits = None
            open_round = await pulse_repo.open_round(session, team_id=team_id)
            if open_round is not None:
                has_answers = await pulse_repo.answer_count(session, round_id=open_round.id) > 0
                open_round.k = round_k(round_k=open_round.k, workspace_k=parsed.k, has_answers=has_answers)
                waits = open_round.k if open_round.k != parsed.k else None
            return SettingsResult(me.lang, settings=parsed, k_waits=waits, round_open=open_round is not None)
