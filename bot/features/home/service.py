"""The App Home: everything one person sees, gathered from the feature services in one read."""

from __future__ import annotations

from bot.contract.home import HomeState
from bot.core.deps import Deps
from bot.core.persons import load_person, view_of
from bot.features.consent import ConsentService
from bot.features.oneonone import OneOnOneService
from bot.features.pulse import PulseService, load_pulse_settings
from bot.features.tiltak import view_of as tiltak_view
from storage import people_repo, tiltak_repo
from storage.db import transaction
from storage.models import Person


class HomeService:
    def __init__(self, deps: Deps, oneonone: OneOnOneService, pulse: PulseService) -> None:
        # Team transparency (`ConsentService.team_view`) needs only a session; no service of its own.
        self._deps = deps
        self._oneonone = oneonone
        self._pulse = pulse

    async def home_state(self, *, team_id: str, user_id: str, refresh: bool = True) -> HomeState:
        """What the App Home shows this person now: pause state, language, open tiltak, next 1:1s. `refresh=False`
        (right after a pulse answer) reads the person row without refreshing it from Slack, so the answer's time
        is never written anywhere."""
        async with transaction(self._deps.sessions) as session:
            person = (
                await load_person(session, self._deps, team_id=team_id, user_id=user_id)
                if refresh
                else await people_repo.get_person(session, team_id=team_id, user_id=user_id)
                or Person(team_id=team_id, user_id=user_id, created_at=self._deps.now())
            )
            me = view_of(person, self._deps)
            today = me.today(self._deps.now())
            paused = me.is_paused_on(today)
            open_tiltak = await tiltak_repo.list_open_for(session, team_id=team_id, user_id=user_id)
            return HomeState(
                lang=me.lang,
                user_id=user_id,
                paused=paused,
                paused_until=me.paused_until if paused else None,
                language_chosen=person.language is not None,
                today=today,
                tiltak=tuple(tiltak_view(t) for t in open_tiltak),
                meetings=tuple(await self._oneonone.upcoming_for(session, team_id=team_id, user_id=user_id)),
                zone=str(me.zone),
                pulse=await self._pulse.home_section(session, me=me),
                team=await ConsentService.team_view(
                    session, team_id=team_id, user_id=user_id, k=(await load_pulse_settings(session, team_id=team_id)).k
                ),
            )
