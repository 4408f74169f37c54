"""The services bundle the composition root builds and the handlers receive through Bolt's context."""

from __future__ import annotations

from dataclasses import dataclass

from bot.services.deps import Deps
from bot.services.digest import DigestService, NoPulse, PulseDigestSource
from bot.services.digest_planner import register_digest
from bot.services.home import HomeService
from bot.services.notices import NOTICE, compose_notice
from bot.services.oneonone import OneOnOneService
from bot.services.oneonone_planner import register_oneonone
from bot.services.outbox import OutboxService
from bot.services.people import PeopleService
from bot.services.privacy import PrivacyService
from bot.services.tiltak import TiltakService
from bot.services.tiltak_reminders import register_tiltak_reminders


@dataclass(frozen=True)
class Services:
    deps: Deps
    people: PeopleService
    outbox: OutboxService
    tiltak: TiltakService
    home: HomeService
    privacy: PrivacyService
    oneonone: OneOnOneService
    digest: DigestService


def build_services(deps: Deps, *, worker: str | None = None, pulse_source: PulseDigestSource | None = None) -> Services:
    """Wire every service and register the outbox planners and composers of each feature."""
    outbox = OutboxService(deps, worker=worker)
    outbox.add_composer(NOTICE, compose_notice)
    register_tiltak_reminders(outbox, deps)
    register_oneonone(outbox, deps)
    register_digest(outbox, deps, pulse_source or NoPulse())
    tiltak = TiltakService(deps, outbox)
    oneonone = OneOnOneService(deps, outbox, tiltak)
    people = PeopleService(deps)
    return Services(
        deps=deps,
        people=people,
        outbox=outbox,
        tiltak=tiltak,
        home=HomeService(deps, oneonone),
        privacy=PrivacyService(deps),
        oneonone=oneonone,
        digest=DigestService(deps, outbox),
    )
