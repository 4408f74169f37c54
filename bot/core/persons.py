"""Persons: who someone is to the bot (zone, language, pause), kept fresh from Slack without asking every time.

`users.info` is cached on the person row for `PROFILE_TTL`; a request never waits for Slack when a fresh row
exists. The language is the person's explicit choice, else their Slack locale, else the workspace default.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.core.deps import Deps
from bot.core.ports import PermanentDeliveryError
from bot.i18n import resolve_language
from bot.rules.away import away_from_status
from bot.rules.calendar import local_date
from storage import people_repo
from storage.models import Person

PROFILE_TTL = timedelta(hours=24)
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PersonView:
    """A person as the services see them: resolved zone and language, pause state."""

    team_id: str
    user_id: str
    zone: ZoneInfo
    lang: str
    paused: bool
    paused_until: date | None
    is_bot: bool
    deleted: bool
    is_admin: bool
    away: bool = False
    away_until: datetime | None = None

    def is_paused_on(self, day: date) -> bool:
        """Paused on `day`: `paused_until` is the day nudges start again (exclusive); None means until resumed."""
        return self.paused and (self.paused_until is None or day < self.paused_until)

    def is_away_at(self, now: datetime) -> bool:
        """Away by Slack status (holiday, leave) at `now`; with no end given, until the status changes."""
        return self.away and (self.away_until is None or now < self.away_until)

    def today(self, now: datetime) -> date:
        return local_date(now, self.zone)


def view_of(person: Person, deps: Deps) -> PersonView:
    try:
        zone = ZoneInfo(person.tz) if person.tz else deps.defaults.zone
    except (ZoneInfoNotFoundError, ValueError):
        zone = deps.defaults.zone
    lang = resolve_language(chosen=person.language, slack_locale=person.locale, default=deps.defaults.language)
    return PersonView(
        team_id=person.team_id,
        user_id=person.user_id,
        zone=zone,
        lang=lang,
        paused=person.paused,
        paused_until=person.paused_until,
        is_bot=person.is_bot,
        deleted=person.deleted,
        is_admin=person.is_admin or person.user_id in deps.defaults.admin_user_ids,
        away=person.away,
        away_until=person.away_until,
    )


async def load_person(session: AsyncSession, deps: Deps, *, team_id: str, user_id: str) -> Person:
    """The person row, created or refreshed from `users.info` when missing or older than `PROFILE_TTL`."""
    now = deps.now()
    person = await people_repo.get_person(session, team_id=team_id, user_id=user_id)
    if person is not None and person.refreshed_at is not None and now - person.refreshed_at < PROFILE_TTL:
        return person
    if person is None:
        person = await people_repo.add_person(session, person=Person(team_id=team_id, user_id=user_id, created_at=now))
    try:
        profile = await deps.notifier.lookup_user(user_id=user_id)
    except PermanentDeliveryError as error:
        if error.reason == "user_not_found":
            person.deleted = True
            person.refreshed_at = now
        logger.warning("users.info failed permanently: %s", error.reason)
        return person
    person.tz = profile.tz
    person.locale = profile.locale
    person.is_bot = profile.is_bot
    person.deleted = profile.deleted
    person.is_admin = profile.is_admin or profile.is_owner
    away = away_from_status(
        text=profile.status_text, emoji=profile.status_emoji, expiration=profile.status_expiration, now=now
    )
    person.away = away is not None
    person.away_until = away.until if away is not None else None
    person.refreshed_at = now
    await session.flush()
    return person


async def peek_view(session: AsyncSession, deps: Deps, *, team_id: str, user_id: str) -> PersonView:
    """The person as stored, without asking Slack and without writing anything (the pulse uses this: nothing a
    person does in the pulse may touch a row or a timestamp of theirs). Defaults for someone not yet met."""
    person = await people_repo.get_person(session, team_id=team_id, user_id=user_id)
    return view_of(person or Person(team_id=team_id, user_id=user_id, created_at=deps.now()), deps)


async def load_view(session: AsyncSession, deps: Deps, *, team_id: str, user_id: str) -> PersonView:
    return view_of(await load_person(session, deps, team_id=team_id, user_id=user_id), deps)
