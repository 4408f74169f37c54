"""Tiltak and 1:1s in the offline demo: getting started, the first 1:1, deadlines, a postponement, the second
1:1 with an agenda, an overdue reminder and a Christmas deadline in New York."""

from __future__ import annotations

from datetime import time

from handlers import ids
from sim.demo.world import EMMA, KARI, NINA, OLA, Demo, Scene, at, mention


async def getting_started(demo: Demo) -> None:
    """Monday in week 49: people meet the bot; Kari asks for 1:1s with Ola, he accepts; three tiltak."""
    await demo.command(OLA, "help")
    await demo.run_until(at(30, 11, 9, 15))
    await demo.command(EMMA, "language")
    await demo.run_until(at(30, 11, 10, 30))
    await demo.command(KARI, "oneonone", who=mention(OLA), time=time(13))
    await demo.run_until(at(30, 11, 10, 32))  # Ola's request arrived a minute later
    await demo.accept(OLA)
    await demo.command(KARI, "tiltak_plan", who=mention(OLA))
    await demo.command(KARI, "tiltak_course", who=mention(EMMA))
    await demo.command(KARI, "tiltak_report", who=mention(NINA))
    await demo.command(KARI, "tiltak_past", who=mention(OLA))


async def first_oneonone(demo: Demo) -> None:
    """Tuesday, two hours after the 1:1: Kari is asked whether it took place and records what they agreed."""
    await demo.run_until(at(1, 12, 15, 20))
    await demo.click(KARI, ids.ONEONONE_HELD, value=demo.button(KARI, ids.ONEONONE_HELD)["value"])
    text = {"type": "plain_text_input", "value": demo.say("text.held_tiltak")}
    await demo.submit(
        KARI,
        demo.say("form.held_one"),
        {
            ids.held_block("text", 1): {ids.INPUT: text},
            ids.held_block("owner", 1): {ids.INPUT: {"type": "users_select", "selected_user": OLA}},
            ids.held_block("due", 1): {ids.INPUT: {"type": "datepicker", "selected_date": "2026-12-18"}},
        },
    )


async def first_deadline(demo: Demo) -> None:
    """Friday 4 December: Ola and Kari were reminded at 09.00; Ola marks it done."""
    await demo.click(OLA, ids.TILTAK_DONE, value=demo.button(OLA, ids.TILTAK_DONE)["value"])


async def postponed(demo: Demo) -> None:
    """Emma moves her deadline a week with the date picker; Kari is told."""
    block = demo.last_dm(EMMA)["blocks"][-1]["block_id"]
    label = "📅 " + demo.tr.date_short(at(18, 12, 9).date())
    await demo.click(EMMA, ids.TILTAK_POSTPONE, label=label, block_id=block, selected_date="2026-12-18")


async def second_oneonone(demo: Demo) -> None:
    """The day before the next 1:1 both get a nudge; Ola adds a topic; after the 1:1 Kari records it."""
    pair = next(b for b in demo.last_dm(OLA)["blocks"] if b.get("block_id") == "agenda")["accessory"]["value"]
    await demo.click(OLA, ids.ONEONONE_AGENDA, value=pair)
    topic = {"type": "plain_text_input", "value": demo.say("text.topic")}
    await demo.submit(OLA, demo.say("form.topic"), {ids.AGENDA_NEW_BLOCK: {ids.INPUT: topic}})
    await demo.run_until(at(15, 12, 15, 30))
    await demo.click(KARI, ids.ONEONONE_HELD, value=demo.button(KARI, ids.ONEONONE_HELD)["value"])
    await demo.submit(KARI, demo.say("form.held_none"), {})


async def overdue(demo: Demo) -> None:
    """Emma misses the new deadline: one overdue reminder to both, then she closes it from the list."""
    await demo.command(EMMA, "list")
    await demo.command(EMMA, "done", number=2)


async def christmas(demo: Demo) -> None:
    """Nina's deadline is 1. juledag: she is reminded on 23 December, in her own time zone."""
    await demo.command(NINA, "done", number=3)
    await demo.run_until(at(28, 12, 9, 0))
    await demo.open_home(KARI)  # the story ends here: romjul, and the closure pauses pulses and 1:1s


SCENES = (
    Scene(at(30, 11, 8, 31), getting_started),
    Scene(at(1, 12, 15, 0), first_oneonone),
    Scene(at(4, 12, 11, 20), first_deadline),
    Scene(at(10, 12, 14, 5), postponed),
    Scene(at(14, 12, 10, 5), second_oneonone),
    Scene(at(22, 12, 9, 40), overdue),
    Scene(at(24, 12, 16, 30), christmas),
)
