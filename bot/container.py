"""The services bundle the composition root builds and the handlers receive through Bolt's context."""

from __future__ import annotations

import random
from dataclasses import dataclass

from bot.core.deps import Deps
from bot.core.replay import RequestLog
from bot.features.consent import ConsentService
from bot.features.delivery.status import DeliveryStatusService
from bot.features.digest.service import DigestService, PulseDigestSource
from bot.features.home.service import HomeService
from bot.features.oneonone.meetings import MeetingService
from bot.features.oneonone.pairs import OneOnOneService
from bot.features.people.privacy import PrivacyService
from bot.features.people.service import PeopleService
from bot.features.privacy import (
    AuditLog,
    DeletionService,
    ExportService,
    Offboarding,
    RetentionService,
    WorkspaceDelivery,
)
from bot.features.pulse.admin import PulseSettingsService, TeamService
from bot.features.pulse.answers import PulseService
from bot.features.pulse.results import PulseResults
from bot.features.sickleave import SickLeaveService
from bot.features.tiltak.service import TiltakService
from bot.features.year import AnnualTalkService, ProbationService, YearSettingsService
from bot.outbox.engine import OutboxService
from schedules.jobs import install
from storage.person_data import person_data_registry


@dataclass(frozen=True)
class Services:
    deps: Deps
    people: PeopleService
    outbox: OutboxService
    tiltak: TiltakService
    home: HomeService
    privacy: PrivacyService
    oneonone: OneOnOneService
    meetings: MeetingService
    digest: DigestService
    pulse: PulseService
    team: TeamService
    pulse_settings: PulseSettingsService
    consent: ConsentService
    requests: RequestLog
    delivery: DeliveryStatusService
    retention: RetentionService
    offboarding: Offboarding
    workspaces: WorkspaceDelivery
    deletion: DeletionService
    exports: ExportService
    audit_log: AuditLog
    talks: AnnualTalkService
    probation: ProbationService
    sickleave: SickLeaveService
    year_settings: YearSettingsService


def build_services(
    deps: Deps,
    *,
    pulse_secret: bytes,
    worker: str | None = None,
    pulse_source: PulseDigestSource | None = None,
    rng: random.Random | None = None,
) -> Services:
    """Wire every service, and the outbox kinds of the job table (`schedules.jobs`).

    `pulse_secret` keys the pulse's participation markers (`bot.features.pulse.answers.marker_secret`); `rng` shuffles
    pulse comments (a `SystemRandom` unless a test hands in a seeded one)."""
    rng = rng or random.SystemRandom()
    outbox = OutboxService(deps, worker=worker)
    install(outbox, deps, pulse_secret=pulse_secret, rng=rng, pulse_source=pulse_source or PulseResults(deps))
    tiltak = TiltakService(deps, outbox)
    oneonone = OneOnOneService(deps, outbox)
    people = PeopleService(deps)
    pulse = PulseService(deps, secret=pulse_secret, rng=rng)
    privacy = PrivacyService(deps)
    retention = RetentionService(deps)
    offboarding = Offboarding(deps, outbox)
    outbox.add_daily(retention.run_due)
    outbox.on_gone(offboarding.on_gone)
    return Services(
        deps=deps,
        people=people,
        outbox=outbox,
        tiltak=tiltak,
        home=HomeService(deps, oneonone, pulse),
        privacy=privacy,
        oneonone=oneonone,
        meetings=MeetingService(deps, outbox, tiltak),
        digest=DigestService(deps, outbox),
        pulse=pulse,
        team=TeamService(deps, outbox),
        pulse_settings=PulseSettingsService(deps),
        consent=ConsentService(deps, outbox, oneonone),
        requests=RequestLog(deps),
        delivery=DeliveryStatusService(deps),
        retention=retention,
        offboarding=offboarding,
        workspaces=WorkspaceDelivery(deps),
        deletion=DeletionService(deps, outbox, person_data_registry()),
        exports=ExportService(deps, outbox, privacy),
        audit_log=AuditLog(deps),
        talks=AnnualTalkService(deps, outbox, tiltak),
        probation=ProbationService(deps),
        sickleave=SickLeaveService(deps, outbox),
        year_settings=YearSettingsService(deps),
    )
