"""Fan-out at the rate Slack allows: many DMs against a fake Slack that enforces a rate limit (429 with
`Retry-After` beyond it) and also refuses a few posts outright. Real clock, real engine and notifier.

Property checked (no timings): every message arrives exactly once, none is lost, none is doubled, and the sweep
ends with nothing waiting.
"""

from __future__ import annotations

from collections import Counter

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.app import runtime
from bot.clock import OffsetClock
from sim.rate_limited import RateLimitedSlack
from tests.conftest import NOW
from tests.rig import make_settings
from tests.services.test_outbox_service import POST, ping, register

PEOPLE = [f"U{n:04d}" for n in range(80)]


async def test_a_rate_limited_fan_out_delivers_every_message_exactly_once(engine: AsyncEngine) -> None:
    async with RateLimitedSlack(limits={POST: 25}) as fake:
        for person in PEOPLE:
            fake.add_user(person)
        fake.fail_next(POST, status=429, retry_after=1, times=3)  # Slack says 429 at least three times
        async with runtime(make_settings(fake), OffsetClock(NOW), engine=engine) as rt:
            register(rt, *(ping(f"fan:{person}", to=person) for person in PEOPLE))
            for _ in range(10):
                report = await rt.services.outbox.send_due_messages()
                if report.waiting == 0:
                    break
    received = Counter(str(call.args["channel"]) for call in fake.calls_to(POST) if call.ok)
    assert received == Counter(dict.fromkeys(PEOPLE, 1))
    assert report.waiting == 0
    assert len([call for call in fake.calls_to(POST) if call.status == 429]) >= 3
