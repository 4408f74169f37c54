"""The digest's pulse part through the real app: a round above k and one below, the chart from published rounds
only, and nothing about one person (no name, no comment) in any channel message."""

from __future__ import annotations

from datetime import datetime

from bot.app import Runtime
from bot.clock import ManualClock
from handlers.blocks.plaintext import blocks_as_text
from sim.driver import SlackSimulator
from sim.fake_slack import FakeSlack
from tests.conftest import MANAGER, oslo
from tests.driver import sweep_at
from tests.pulse_helpers import (
    KARIS_TEAM,
    add_people,
    answer,
    join_team,
    pulse_dms,
    round_of,
)

CHANNEL = "CTEAM"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


async def run_round(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock, wednesday: datetime, answering: int
) -> None:
    """Open the week's round, let the first `answering` members answer (each with a comment), and close it."""
    await sweep_at(rt, clock, wednesday)
    await sweep_at(rt, clock, wednesday.replace(hour=16))  # 10:00 in New York
    for index, member in enumerate(KARIS_TEAM[:answering]):
        dms = pulse_dms(fake, member)
        await answer(slack, fake, member, round_of(dms[-1]), (4, 3 + index % 2, 5), comment=f"HEMMELIG-{member}")


def channel_texts(fake: FakeSlack) -> list[str]:
    return [
        str(c.args.get("text", "")) + "\n" + blocks_as_text(c.args.get("blocks", []))
        for c in fake.calls_to("chat.postMessage")
        if c.args.get("channel") == CHANNEL and c.ok
    ]


async def test_digest_shows_a_round_above_k_hides_one_below_and_charts_only_published_rounds(
    slack: SlackSimulator, fake: FakeSlack, rt: Runtime, clock: ManualClock
) -> None:
    add_people(fake)
    fake.add_channel(CHANNEL)
    await join_team(rt, MANAGER, KARIS_TEAM)
    await slack.command(MANAGER, f"digest <#{CHANNEL}|team>")

    await run_round(slack, fake, rt, clock, oslo(2026, 12, 2, 10), answering=5)  # week 49: five of six (k = 5)
    await sweep_at(rt, clock, oslo(2026, 12, 7, 9, 0))
    week_50 = channel_texts(fake)[-1]
    assert "Teamet denne uka – uke 50" in week_50
    assert "Ukepulsen, uke 49" in week_50
    assert "5 av 6 svarte." in week_50
    assert "Arbeidsuka: *4,0*" in week_50

    await run_round(slack, fake, rt, clock, oslo(2026, 12, 9, 10), answering=4)  # week 50: four, below k
    await sweep_at(rt, clock, oslo(2026, 12, 14, 9, 0))
    week_51 = channel_texts(fake)[-1]
    assert "Ukepulsen, uke 50" in week_51
    assert "For få svar i denne runden til at tallene kan vises." in week_51
    assert "svarte" not in week_51
    assert "*4,0*" not in week_51
    assert fake.calls_to("files.getUploadURLExternal") == []  # one published round: no chart yet

    await run_round(slack, fake, rt, clock, oslo(2026, 12, 16, 10), answering=6)  # week 51: all six
    await sweep_at(rt, clock, oslo(2026, 12, 21, 9, 0))
    assert "6 av 6 svarte." in channel_texts(fake)[-1]
    [upload] = fake.calls_to("files.getUploadURLExternal")
    alt = str(upload.args.get("alt_txt", ""))
    assert "uke 49: 4,0" in alt
    assert "uke 51: 4,0" in alt
    assert "uke 50" not in alt  # the round below k is left out, never drawn
    [png] = fake.uploads.values()
    assert png.startswith(PNG_SIGNATURE)
    [shared] = fake.calls_to("files.completeUploadExternal")
    assert shared.args.get("channel_id") == CHANNEL

    # Running the sweep again posts nothing new, and no channel message ever names anyone or quotes a comment.
    before = len(channel_texts(fake))
    await sweep_at(rt, clock, oslo(2026, 12, 21, 9, 30))
    assert len(channel_texts(fake)) == before
    for text in channel_texts(fake):
        assert "HEMMELIG" not in text
        for member in KARIS_TEAM:
            assert member not in text
