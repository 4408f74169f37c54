"""The simplest outbox kind: a catalog entry sent as it is (`kind="notice"`, params `key` and `params`)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.contract.common import Message, Notice
from bot.outbox.engine import Envelope

NOTICE = "notice"


async def compose_notice(session: AsyncSession, envelope: Envelope, now: datetime) -> Message | None:
    del session, now  # a notice does not depend on current state
    params = {str(k): str(v) for k, v in dict(envelope.params.get("params", {})).items()}
    return Notice(lang=envelope.lang, key=str(envelope.params["key"]), params=params)
