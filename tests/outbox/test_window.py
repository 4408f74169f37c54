"""Sends in flight: start in claim order, one recipient's rows never overlap, the window grows with deliveries
and falls back to one on a transient failure, and nothing new starts once the sweep stops."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from bot.outbox.window import Outcome, SendWindow, deliver_in_order
from storage.models import OutboxMessage, RecipientType

NOW = datetime(2026, 12, 9, 9, tzinfo=UTC)


def row(n: int, to: str) -> OutboxMessage:
    return OutboxMessage(
        id=n, team_id="T1", dedupe_key=f"k{n}", kind="k", recipient_type=RecipientType.USER, recipient_id=to,
        not_before=NOW, created_at=NOW,
    )  # fmt: skip


class Recorder:
    def __init__(self, outcomes: dict[int, Outcome] | None = None) -> None:
        self.events: list[tuple[str, int]] = []
        self.in_flight = 0
        self.most = 0
        self.outcomes = outcomes or {}

    async def deliver(self, message: OutboxMessage) -> Outcome:
        assert message.id is not None
        self.events.append(("start", message.id))
        self.in_flight += 1
        self.most = max(self.most, self.in_flight)
        await asyncio.sleep(0.001)
        self.in_flight -= 1
        self.events.append(("end", message.id))
        return self.outcomes.get(message.id, Outcome.DELIVERED)


async def test_rows_start_in_claim_order_and_the_window_grows_with_deliveries() -> None:
    recorder, window = Recorder(), SendWindow(limit=4)
    batch = [row(n, f"U{n}") for n in range(12)]
    await deliver_in_order(batch, recorder.deliver, window, keep_going=lambda: True)
    assert [n for kind, n in recorder.events if kind == "start"] == list(range(12))
    assert recorder.events[:2] == [("start", 0), ("end", 0)]  # one at a time until something was delivered
    assert 1 < recorder.most <= 4
    assert window.size == 4


async def test_one_recipients_rows_go_one_after_another_in_order() -> None:
    recorder, window = Recorder(), SendWindow(limit=8)
    window.size = 8
    batch = [row(1, "UOLA"), row(2, "UKARI"), row(3, "UOLA"), row(4, "UOLA")]
    await deliver_in_order(batch, recorder.deliver, window, keep_going=lambda: True)
    ola = [(kind, n) for kind, n in recorder.events if n in (1, 3, 4)]
    assert ola == [("start", 1), ("end", 1), ("start", 3), ("end", 3), ("start", 4), ("end", 4)]


async def test_a_transient_failure_brings_the_window_back_to_one() -> None:
    recorder, window = Recorder({5: Outcome.TRANSIENT}), SendWindow(limit=8)
    await deliver_in_order([row(n, f"U{n}") for n in range(6)], recorder.deliver, window, keep_going=lambda: True)
    assert window.size == 1


async def test_nothing_new_starts_once_the_sweep_stops() -> None:
    recorder, window = Recorder(), SendWindow(limit=1)
    stop = asyncio.Event()

    async def deliver(message: OutboxMessage) -> Outcome:
        stop.set()  # SIGTERM arrives while the first send is in flight
        return await recorder.deliver(message)

    await deliver_in_order([row(n, f"U{n}") for n in range(5)], deliver, window, keep_going=lambda: not stop.is_set())
    assert recorder.events == [("start", 0), ("end", 0)]
