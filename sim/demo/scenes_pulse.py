"""The pulse in the offline demo: a round where five answer and one does not, the one reminder, the result.

Kari's team needs at least k (5) members to be asked, so she adds Per, Anne and Jon too. The round after
Christmas (a closure) opens on Wednesday 6 January 2027 at 10.00 in each person's own zone (16.00 in Oslo for
Nina in New York); on Friday at 10.00 the two who have not answered, Emma and Ola, get the one reminder; Emma
answers, Ola does not. The round closes on Monday at 08.00 Oslo time, and Kari sees the published result: five
answers of six, means, distributions, comments without names.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.rules.calendar import local_date
from bot.rules.pulse import PulseSchedule, next_round_day
from handlers import ids
from handlers.ids import PULSE_ANSWER, PULSE_COMMENT_BLOCK, PULSE_MODAL, question_of_block
from sim.demo.world import ANNE, EMMA, JON, KARI, NINA, OLA, PER, Demo, Scene, at, mention

OSLO = ZoneInfo("Europe/Oslo")
ANSWERS: dict[str, tuple[int, int, int, str | None]] = {
    OLA: (4, 4, 3, "text.comment_ola"),
    EMMA: (3, 3, 4, None),
    PER: (5, 4, 4, "text.comment_per"),
    ANNE: (4, 5, 3, None),
    JON: (4, 3, 5, "text.comment_jon"),
    NINA: (3, 4, 4, None),
}
"""Each person's three scores and comment (a catalog key), the same in every round."""


def _on(day: date, days_later: int, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day + timedelta(days=days_later), time(hour, minute), OSLO)


def _values(view: dict[str, Any], scores: tuple[int, int, int], comment: str) -> dict[str, Any]:
    values: dict[str, Any] = {}
    questions = [b["block_id"] for b in view["blocks"] if question_of_block(str(b.get("block_id", "")))]
    for block_id, score in zip(questions, scores, strict=True):
        values[block_id] = {ids.INPUT: {"type": "radio_buttons", "selected_option": {"value": str(score)}}}
    values[PULSE_COMMENT_BLOCK] = {ids.INPUT: {"type": "plain_text_input", "value": comment or None}}
    return values


async def answer(demo: Demo, user_id: str) -> None:
    """Click "Svar" in the last DM and send the modal with that person's answers."""
    await demo.click(user_id, PULSE_ANSWER, value=demo.button(user_id, PULSE_ANSWER)["value"])
    opened = [c for c in demo.fake.calls_to("views.open") if c.args.get("view", {}).get("callback_id") == PULSE_MODAL]
    view = opened[-1].args["view"]
    first, second, third, comment = ANSWERS[user_id]
    demo.story.add(demo.clock.now(), user_id, demo.say("pulse_answer"))
    text = demo.say(comment) if comment else ""
    await demo.slack.submit(user_id, view, _values(view, (first, second, third), text))


async def answer_round(demo: Demo, first: tuple[str, ...], later: tuple[str, ...]) -> date:
    """The next round: `first` answer at 10.30 on the day it opens, `later` at 10.30 in New York; returns its day."""
    day = next_round_day(local_date(demo.clock.now(), OSLO), PulseSchedule())
    assert day is not None
    await demo.run_until(_on(day, 0, 10, 30))
    for user_id in first:
        await answer(demo, user_id)
    await demo.run_until(_on(day, 0, 16, 30))  # 10.30 in New York
    for user_id in later:
        await answer(demo, user_id)
    return day


async def pulse(demo: Demo) -> None:
    """Kari builds her team of six; five answer, the two not done by Friday get one reminder, one still does not."""
    people = " ".join(mention(user) for user in (OLA, EMMA, NINA, PER, ANNE, JON))
    await demo.command(KARI, "team_add", people=people)
    day = await answer_round(demo, (PER, ANNE, JON), (NINA,))
    await demo.command(KARI, "pulse")
    await demo.run_until(_on(day, 2, 11))  # Friday: the one reminder, to Emma and Ola only
    await answer(demo, EMMA)
    await demo.run_until(_on(day, 5, 9))  # Monday: the round closed at 08.00
    await demo.command(KARI, "pulse")
    await demo.open_home(PER)


SCENES = (Scene(at(28, 12, 9, 5), pulse),)
