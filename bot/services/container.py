"""The services bundle the composition root builds and the handlers receive through Bolt's context."""

from __future__ import annotations

import random
from dataclasses import dataclass

from bot.services.delivery_status import DeliveryStatusService
from bot.services.deps import Deps
from bot.services.digest import DigestService, PulseDigestSource
from bot.services.digest_planner import register_digest
from bot.services.home import HomeService
from bot.services.notices import NOTICE, compose_notice
from bot.services.oneonone import OneOnOneService
from bot.services.oneonone_planner import register_oneonone
from bot.services.outbox import OutboxService
from bot.services.people import PeopleService
from bot.services.privacy import PrivacyService
from bot.services.pulse import PulseService
from bot.services.pulse_results import PulseResults
from bot.services.pulse_rounds import register_pulse_rounds
from bot.services.requests import RequestLog
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
    pulse: PulseService
    requests: RequestLog
    delivery: DeliveryStatusService


def build_services(
    deps: Deps,
    *,
    pulse_secret: bytes,
    worker: str | None = None,
    pulse_source: PulseDigestSource | None = None,
    rng: random.Random | None = None,
) -> Services:
    """Wire every service and register the outbox planners and composers of each feature.

    `pulse_secret` keys the pulse's participation markers (`bot.services.pulse.marker_secret`); `rng` shuffles
    pulse comments (a `SystemRandom` unless a test hands in a seeded one)."""
    rng = rng or random.SystemRandom()
    outbox = OutboxService(deps, worker=worker)
    outbox.add_composer(NOTICE, compose_notice)
    register_tiltak_reminders(outbox, deps)
    register_oneonone(outbox, deps)
    register_pulse_rounds(outbox, deps, secret=pulse_secret, rng=rng)
    register_digest(outbox, deps, pulse_source or PulseResults(deps))
    tiltak = TiltakService(deps, outbox)
    oneonone = OneOnOneService(deps, outbox, tiltak)
    people = PeopleService(deps)
    pulse = PulseService(deps, secret=pulse_secret, rng=rng)
    return Services(
        deps=deps,
        people=people,
        outbox=outbox,
        tiltak=tiltak,
        home=HomeService(deps, oneonone, pulse),
        privacy=PrivacyService(deps),
        oneonone=oneonone,
        digest=DigestService(deps, outbox),
        pulse=pulse,
        requests=RequestLog(deps),
        delivery=DeliveryStatusService(deps),
    )
