"""The conversation year in the offline demo: the medarbeidersamtale, a prøvetid, and the sick-leave follow-up.

- Monday 30 November, afternoon: Anne (an admin) turns the sick-leave follow-up on; Kari sets Ola's
  medarbeidersamtale for Tuesday 15 December, registers Jon's prøvetid (5 months from 17 August, so it ends
  17 January) and records that Per has been on sick leave since Monday 16 November. Per is told once what the
  date is used for.
- Tuesday 1 December, 09.00: both are invited (14 days ahead). Ola prepares, saves the draft, then shares it.
- Friday 4 December, 09.00: Kari (only Kari) is reminded of Per's oppfølgingsplan, due by Sunday 13 December; she
  marks it done. The reminder of dialogmøte 1 comes on Wednesday 23 December, before Christmas and the closure.
- Tuesday 15 December, after the talk: Kari writes the summary (two goals, one tiltak); Ola confirms it.
- Thursday 17 December: a month before Jon's prøvetid ends, Kari is reminded to take stock.
- Then the clock jumps to November 2027: Kari plans the next medarbeidersamtale, and the guide shows last year's
  goals and tiltak and asks "Nådde vi målene?".
"""

from __future__ import annotations

from typing import Any

from handlers import ids
from sim.demo.world import ANNE, JON, KARI, OLA, PER, Demo, Scene, at, mention


def _text(value: str) -> dict[str, Any]:
    return {ids.INPUT: {"type": "plain_text_input", "value": value}}


def _date(value: str) -> dict[str, Any]:
    return {ids.INPUT: {"type": "datepicker", "selected_date": value}}


async def set_up(demo: Demo) -> None:
    """Monday afternoon: the sick-leave module on; the talk planned; a prøvetid; a sick leave recorded."""
    await demo.command(ANNE, "absence_on")
    await demo.command(KARI, "review", who=mention(OLA), date="15.12")
    await demo.command(KARI, "probation", who=mention(JON))
    await demo.command(KARI, "absence", who=mention(PER))


async def prepared(demo: Demo) -> None:
    """Tuesday morning: Ola prepares for the talk in private, then shares the preparation with Kari."""
    await demo.click(OLA, ids.YEAR_PREPARE, value=demo.button(OLA, ids.YEAR_PREPARE)["value"])
    await demo.submit(
        OLA,
        demo.say("form.prep"),
        {
            ids.prep_block("tasks", "score"): {ids.INPUT: {"type": "static_select", "selected_option": {"value": "4"}}},
            ids.prep_block("tasks", "text"): _text(demo.say("text.prep_tasks")),
            ids.prep_block("goals", "text"): _text(demo.say("text.prep_goals")),
        },
    )
    await demo.click(OLA, ids.YEAR_SHARE, value=demo.button(OLA, ids.YEAR_SHARE)["value"])


async def plan_done(demo: Demo) -> None:
    """Friday: Kari got the reminder of Per's oppfølgingsplan at 09.00; they made it, and she marks it done."""
    await demo.click(KARI, ids.SICKLEAVE_DONE, value=demo.button(KARI, ids.SICKLEAVE_DONE)["value"])


async def summary(demo: Demo) -> None:
    """Tuesday 15 December, after the talk: Kari writes the summary, Ola confirms it."""
    talk = demo.button(KARI, ids.YEAR_SUMMARY)["value"]
    await demo.click(KARI, ids.YEAR_SUMMARY, value=talk)
    await demo.submit(
        KARI,
        demo.say("form.summary"),
        {
            ids.summary_block("goal", "text", 1): _text(demo.say("text.goal_1")),
            ids.summary_block("goal", "due", 1): _date("2027-06-30"),
            ids.summary_block("goal", "text", 2): _text(demo.say("text.goal_2")),
            ids.summary_block("goal", "due", 2): _date("2027-10-01"),
            ids.summary_block("tiltak", "text", 1): _text(demo.say("text.tiltak_1")),
            ids.summary_block("tiltak", "due", 1): _date("2027-02-26"),
        },
    )
    await demo.run_until(at(15, 12, 16, 20))
    await demo.click(OLA, ids.YEAR_CONFIRM, value=demo.button(OLA, ids.YEAR_CONFIRM)["value"])


async def next_year(demo: Demo) -> None:
    """November 2027: Kari plans the next medarbeidersamtale; last year's goals are in her guide."""
    await demo.command(KARI, "review", who=mention(OLA), date="22.11")
    await demo.run_until(at(8, 11, 10, 5, year=2027))
    await demo.click(KARI, ids.YEAR_GUIDE, value=demo.button(KARI, ids.YEAR_GUIDE)["value"])
    demo.show_modal(KARI)


SCENES = (
    Scene(at(30, 11, 15, 30), set_up),
    Scene(at(1, 12, 11, 0), prepared),
    Scene(at(4, 12, 11, 40), plan_done),
    Scene(at(15, 12, 16, 0), summary),
    Scene(at(8, 11, 10, 0, year=2027), next_year, jump=True),
)
