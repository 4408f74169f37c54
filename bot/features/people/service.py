"""People's intents about themselves: language, pause and resume."""

from __future__ import annotations

from datetime import date

from bot.contract.people import LanguageResult, PauseResult
from bot.core.deps import Deps
from bot.core.persons import fresh_view, load_person, load_view, refresh_profiles, view_of
from bot.i18n import LANGUAGES
from bot.rules.dateparse import DateParseError, parse_date
from storage.db import transaction


class PeopleService:
    """Intents about oneself: language, pause and resume, and the App Home state."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    async def language_of(self, *, team_id: str, user_id: str) -> str:
        """The person's language: one read when their profile is fresh, else refreshed from Slack first."""
        async with transaction(self._deps.sessions) as session:
            me = await fresh_view(session, self._deps, team_id=team_id, user_id=user_id)
        if me is not None:
            return me.lang
        await refresh_profiles(self._deps, team_id=team_id, user_ids=[user_id])
        async with transaction(self._deps.sessions) as session:
            return (await load_view(session, self._deps, team_id=team_id, user_id=user_id)).lang

    async def choose_language(self, *, team_id: str, user_id: str, lang: str | None) -> LanguageResult:
        """Store an explicit language choice (nb, nn or en); anything else is refused and nothing changes."""
        await refresh_profiles(self._deps, team_id=team_id, user_ids=[user_id])
        async with transaction(self._deps.sessions) as session:
            person = await load_person(session, self._deps, team_id=team_id, user_id=user_id)
            if lang not in LANGUAGES:
                return LanguageResult(lang=view_of(person, self._deps).lang, accepted=False)
            person.language = lang
            return LanguageResult(lang=lang, accepted=True)

    async def pause(self, *, team_id: str, user_id: str, until_text: str | None) -> PauseResult:
        """Pause my nudges and pulses, until resumed or until the given day (the day they start again)."""
        await refresh_profiles(self._deps, team_id=team_id, user_ids=[user_id])
        async with transaction(self._deps.sessions) as session:
            person = await load_person(session, self._deps, team_id=team_id, user_id=user_id)
            view = view_of(person, self._deps)
            until: date | None = None
            if until_text is not None:
                try:
                    until = parse_date(until_text, today=view.today(self._deps.now()))
                except DateParseError as error:
                    return PauseResult(
                        lang=view.lang, paused=view.paused, error=error.reason.value, suggestion=error.suggestion
                    )
            person.paused = True
            person.paused_until = until
            return PauseResult(lang=view.lang, paused=True, until=until)

    async def resume(self, *, team_id: str, user_id: str) -> PauseResult:
        await refresh_profiles(self._deps, team_id=team_id, user_ids=[user_id])
        async with transaction(self._deps.sessions) as session:
            person = await load_person(session, self._deps, team_id=team_id, user_id=user_id)
            person.paused = False
            person.paused_until = None
            return PauseResult(lang=view_of(person, self._deps).lang, paused=False)
