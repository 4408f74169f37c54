"""The weekly digest in the offline demo: a channel the bot is not in yet, the Monday digests, the chart, and
closing the loop ("Del hva vi gjør").

Kari chooses #team-kari on the first Monday before inviting the bot, and is told how; she invites it and the
digest arrives each Monday at 09.00 from then on. After the pulse scene's round she shares what the team will
do; the second round closes the next Monday, and that digest carries the two-point trend chart and notes that
the loop was closed.
"""

from __future__ import annotations

from handlers import ids
from sim.demo.world import KARI, START, Demo, Scene, at

CHANNEL = "CLEDER"


async def digest_channel(demo: Demo) -> None:
    """Monday 30 November: Kari picks the team channel before the bot is in it; she is told, then invites it."""
    demo.fake.add_channel(CHANNEL, bot_is_member=False, name="team-kari")
    await demo.command(KARI, "digest", channel=f"<#{CHANNEL}|team-kari>")
    demo.invite_bot(KARI, CHANNEL)


async def closing_the_loop(demo: Demo) -> None:
    """Monday after the first round: the digest has the result; Kari shares what the team will do. The next
    Monday's digest carries the trend chart and says that it was shared."""
    share = demo.button(CHANNEL, ids.DIGEST_SHARE)["value"]
    await demo.click(KARI, ids.DIGEST_SHARE, where=CHANNEL, value=share)
    note = {"value": demo.say("text.share")}
    await demo.submit(KARI, demo.say("form.share"), {ids.DIGEST_SHARE_BLOCK: {ids.INPUT: note}})


SCENES = (Scene(START, digest_channel), Scene(at(7, 12, 9, 30), closing_the_loop))
