"""The weekly digest in the offline demo: a channel the bot is not in yet, the Monday digests, the chart, and
closing the loop ("Del hva vi gjør").

Kari chooses #team-kari on the first Monday before inviting the bot, and is told how; she invites it (in the
fake Slack) and the digest arrives each Monday at 09:00 from then on. After the pulse scene's round she shares
what the team will do; a second round closes the next Monday, and that digest carries the two-point trend chart
(written to `demo-output/` in the working directory) and notes that the loop was closed.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.rules.calendar import local_date
from bot.rules.pulse import PulseSchedule, next_round_day
from handlers import ids
from sim.demo.scenes_pulse import ANNE, EMMA, JON, KARI, NINA, OLA, PER, answer

if TYPE_CHECKING:
    from sim.demo.world import Demo

OSLO = ZoneInfo("Europe/Oslo")
CHANNEL = "CLEDER"
CHART_FILE = Path("demo-output") / "puls-trend.png"


async def scene_digest_channel(demo: Demo) -> None:
    """Monday 30 November: Kari picks the team channel before the bot is in it; she is told, then invites it."""
    demo.fake.add_channel(CHANNEL, bot_is_member=False, name="team-kari")
    await demo.command(KARI, f"digest <#{CHANNEL}|team-kari>")
    demo.fake.add_channel(CHANNEL, bot_is_member=True, name="team-kari")


def _monday_after(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=7 - day.weekday()), time(9, 30), OSLO)


async def scene_closing_the_loop(demo: Demo) -> None:
    """After the pulse round: the digest with the result, Kari shares what they will do, a second round, and the
    next digest with the trend chart and a note that the loop was closed."""
    await demo.run_until(demo.clock.now() + timedelta(minutes=30))
    digest = [c for c in demo.fake.messages_to(CHANNEL) if c.args.get("text", "").startswith("Teamet denne uka")]
    share = next(
        e["value"]
        for b in digest[-1].args["blocks"]
        for e in b.get("elements", [])
        if e.get("action_id") == ids.DIGEST_SHARE
    )
    await demo.click(KARI, "Del hva vi gjør", ids.DIGEST_SHARE, value=share)
    note = "Vi tar én møtefri formiddag i uka, og ser på fordelingen av møter i neste 1:1."
    await demo.submit(KARI, "hva teamet gjør videre", {ids.DIGEST_SHARE_BLOCK: {ids.INPUT: {"value": note}}})
    day = next_round_day(local_date(demo.clock.now(), OSLO), PulseSchedule())
    assert day is not None
    await demo.run_until(datetime.combine(day, time(10, 30), OSLO))
    for user_id in (OLA, PER, ANNE, JON, EMMA):
        await answer(demo, user_id)
    await demo.run_until(datetime.combine(day, time(16, 30), OSLO))
    await answer(demo, NINA)
    await demo.run_until(_monday_after(day))
    if demo.fake.uploads:
        CHART_FILE.parent.mkdir(exist_ok=True)
        CHART_FILE.write_bytes(list(demo.fake.uploads.values())[-1])
        demo.chart_path = CHART_FILE.resolve()
