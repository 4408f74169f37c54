"""Persons: who someone is to the bot (zone, language, pause), kept fresh from Slack without asking every time.

`users.info` is cached on the person row for `PROFILE_TTL`. It is only ever called by `refresh_profiles`, outside
any database transaction (a slow Slack must never hold the database); inside a transaction `load_person` reads the
row as it is, creating a bare one when missing (an upsert, so two first requests at once both work). The language
is the person's explicit choice, else their Slack locale, else the workspace default.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.core.deps import Deps
from bot.core.ports import PermanentDeliveryError, SlackUser, TransientDeliveryError
from bot.core.readonce import recalled, remembered
from bot.i18n import resolve_language
from bot.rules.away import away_from_status
from bot.rules.calendar import local_date
from storage import people_repo
from storage.db import transaction
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


def _stale(person: Person | None, now: datetime) -> bool:
    return person is None or person.refreshed_at is None or now - person.refreshed_at >= PROFILE_TTL


def _profile_values(profile: SlackUser, now: datetime) -> dict[str, object]:
    away = away_from_status(
        text=profile.status_text, emoji=profile.status_emoji, expiration=profile.status_expiration, now=now
    )
    return {
        "tz": profile.tz,
        "locale": profile.locale,
        "is_bot": profile.is_bot,
        "deleted": profile.deleted,
        "is_admin": profile.is_admin or profile.is_owner,
        "away": away is not None,
        "away_until": away.until if away is not None else None,
        "refreshed_at": now,
    }


async def refresh_profiles(deps: Deps, *, team_id: str, user_ids: Sequence[str], strict: bool = False) -> None:
    """Read `users.info` for each of `user_ids` whose row is missing or older than `PROFILE_TTL`, and store it.

    Call it before opening a transaction, never inside one. A transient Slack failure keeps the row as it is (a
    stale profile is better than no answer); with `strict`, it raises `TransientDeliveryError` instead when the
    person's profile was never read, so the outbox retries later rather than guess a time zone.
    """
    now = deps.now()
    wanted = [user_id for user_id in dict.fromkeys(user_ids) if user_id]
    async with transaction(deps.sessions) as session:
        known = {u: await people_repo.get_person(session, team_id=team_id, user_id=u) for u in wanted}
    for user_id, person in known.items():
        if not _stale(person, now):
            continue
        values: dict[str, object]
        try:
            values = _profile_values(await deps.notifier.lookup_user(user_id=user_id), now)
        except PermanentDeliveryError as error:
            logger.warning("users.info failed permanently: %s", error.reason)
            if error.reason != "user_not_found":
                continue
            values = {"deleted": True, "refreshed_at": now}
        except TransientDeliveryError:
            if strict and (person is None or person.refreshed_at is None):
                raise
            logger.info("users.info unavailable; the stored profile is used")
            continue
        async with transaction(deps.sessions) as session:
            await people_repo.save_profile(session, team_id=team_id, user_id=user_id, now=now, values=values)


async def fresh_view(session: AsyncSession, deps: Deps, *, team_id: str, user_id: str) -> PersonView | None:
    """The person as stored when their profile is fresh (no Slack call needed), else None: then call
    `refresh_profiles` outside the transaction and `load_view` after it. One read, nothing written: the request
    path asks this first, so the usual request reads the person and its data in one transaction."""
    person = await people_repo.get_person(session, team_id=team_id, user_id=user_id)
    return None if _stale(person, deps.now()) or person is None else view_of(person, deps)


async def load_person(session: AsyncSession, deps: Deps, *, team_id: str, user_id: str) -> Person:
    """The person row as stored (created bare when missing). Never calls Slack: see `refresh_profiles`."""
    return await people_repo.ensure_person(session, team_id=team_id, user_id=user_id, now=deps.now())


async def peek_view(session: AsyncSession, deps: Deps, *, team_id: str, user_id: str) -> PersonView:
    """The person as stored, without asking Slack and without writing anything (the pulse uses this: nothing a
    person does in the pulse may touch a row or a timestamp of theirs). Defaults for someone not yet met."""
    person = await people_repo.get_person(session, team_id=team_id, user_id=user_id)
    return view_of(person or Person(team_id=team_id, user_id=user_id, created_at=deps.now()), deps)


async def load_view(session: AsyncSession, deps: Deps, *, team_id: str, user_id: str) -> PersonView:
    """The person's view; within `bot.core.readonce.read_once` (a sweep's planning), read once."""
    if (view := recalled(("person", team_id, user_id), PersonView)) is not None:
        return view
    person = await load_person(session, deps, team_id=team_id, user_id=user_id)
    return remembered(("person", team_id, user_id), view_of(person, deps))
