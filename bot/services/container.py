"""The services bundle the composition root builds and the handlers receive through Bolt's context."""

from __future__ import annotations

from dataclasses import dataclass

from bot.services.deps import Deps
from bot.services.notices import NOTICE, compose_notice
from bot.services.outbox import OutboxService
from bot.services.people import PeopleService


@dataclass(frozen=True)
class Services:
    deps: Deps
    people: PeopleService
    outbox: OutboxService


def build_services(deps: Deps, *, worker: str | None = None) -> Services:
    """Wire every service and register the outbox planners and composers of each feature."""
    outbox = OutboxService(deps, worker=worker)
    outbox.add_composer(NOTICE, compose_notice)
    people = PeopleService(deps)
    return Services(deps=deps, people=people, outbox=outbox)
