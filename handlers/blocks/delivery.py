"""`/oppfolging status`: the messages that failed for good, and why (pure: a `DeliveryStatus` in, blocks out)."""

from __future__ import annotations

from bot.contract.delivery import DeliveryStatus, FailedItem
from bot.i18n import get_translator
from handlers.blocks.kit import Block, context, header, section

AREAS = frozenset({"tiltak", "oneonone", "pulse", "digest"})


def _line(item: FailedItem, status: DeliveryStatus) -> str:
    tr = get_translator(status.lang)
    area = item.area if item.area in AREAS else "other"
    who = f"<@{item.recipient_id}>" if item.recipient_type == "user" else f"<#{item.recipient_id}>"
    why = tr.t(f"delivery.why.{item.why}")
    return tr.t("delivery.line", what=tr.t(f"delivery.area.{area}"), who=who, date=tr.date(item.day), why=why)


def delivery_status_text(status: DeliveryStatus) -> str:
    tr = get_translator(status.lang)
    return tr.t("delivery.title") if status.failed else tr.t("delivery.none")


def build_delivery_status(status: DeliveryStatus) -> list[Block]:
    tr = get_translator(status.lang)
    blocks: list[Block] = [header(tr.t("delivery.title"), block_id="delivery_title")]
    if status.failed:
        lines = "\n".join(_line(item, status) for item in status.failed)
        blocks.append(section(lines, block_id="delivery_failed"))
    else:
        blocks.append(section(tr.t("delivery.none"), block_id="delivery_failed"))
    notes = [tr.t(f"delivery.scope_{status.scope}")]
    if status.waiting:
        notes.append(tr.t("delivery.waiting", count=status.waiting))
    blocks.append(context(*notes, block_id="delivery_scope"))
    return blocks
