"""Shared by the 1:1 tests (service and app): the outbox kinds, stored rows, meetings in Oslo time."""

from __future__ import annotations

from datetime import datetime
from typing import TypeVar

from sqlmodel import col, select

from bot.app import Runtime
from storage.db import make_session_factory
from storage.oneonone_models import AgendaItem, Meeting, OneOnOnePair
from storage.tiltak_models import Tiltak
from tests.conftest import EMPLOYEE, OSLO

INTRO = "oneonone.intro"
NUDGE = "oneonone.nudge"
FOLLOW_UP = "oneonone.followup"
MOVED = "oneonone.moved"
ANNUAL = "oneonone.annual"
CREATED = "tiltak.created"

Row = TypeVar("Row", AgendaItem, Meeting, OneOnOnePair, Tiltak)


async def rows(rt: Runtime, model: type[Row]) -> list[Row]:
    async with make_session_factory(rt.engine)() as session:
        return list((await session.exec(select(model).order_by(col(model.id)))).all())


async def meetings(rt: Runtime) -> list[Meeting]:
    return sorted(await rows(rt, Meeting), key=lambda m: m.starts_at)


async def the_pair(rt: Runtime, employee_id: str = EMPLOYEE) -> OneOnOnePair:
    [pair] = [p for p in await rows(rt, OneOnOnePair) if p.employee_id == employee_id]
    return pair


def local_starts(found: list[Meeting]) -> list[datetime]:
    return [m.starts_at.astimezone(OSLO) for m in found]
