"""The simplest outbox kind: a catalog entry sent as it is (`kind="notice"`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.contract.common import Message, Notice
from bot.outbox.params import Params
from bot.outbox.types import Envelope

NOTICE = "notice"


@dataclass(frozen=True)
class NoticeParams(Params):
    """Params of `notice`: the catalog key and its placeholders."""

    key: str
    params: dict[str, str] = field(default_factory=dict)


async def compose_notice(session: AsyncSession, envelope: Envelope, now: datetime) -> Message | None:
    del session, now  # a notice does not depend on current state
    notice = envelope.read(NoticeParams)
    return Notice(lang=envelope.lang, key=notice.key, params=notice.params)
