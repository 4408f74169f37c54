"""The pulse in the offline demo: a round where five answer and one does not, the one reminder, the result.

Kari's team needs at least k (5) members to be asked, so the scene uses three more colleagues from
`PULSE_PEOPLE` (the lead adds them to the demo's `TEAM`). The scene runs the next round after the demo's clock
(with the scenes so far, Wednesday 6 January 2027, since Christmas is a closure): it opens at 10:00 in each
person's own zone (16:00 in Oslo for Nina in New York); on Friday at 10:00 the two who have not answered, Emma
and Ola, get the one reminder; Emma answers, Ola does not. The round closes on Monday at 08:00 Oslo time, and
Kari sees the published result: five answers of six, means, distributions, comments without names.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from bot.rules.calendar import local_date
from bot.rules.pulse import PulseSchedule, next_round_day
from handlers import ids
from handlers.ids import PULSE_ANSWER, PULSE_COMMENT_BLOCK, PULSE_MODAL, question_of_block

if TYPE_CHECKING:
    from sim.demo.world import Demo

OSLO = ZoneInfo("Europe/Oslo")
PULSE_PEOPLE = (("UPER", "Per Berg"), ("UANNE", "Anne Lie"), ("UJON", "Jon Dahl"))
"""Three more members for Kari's team (user id, name), Oslo time, Bokmål."""

KARI, OLA, EMMA, NINA = "UKARI", "UOLA", "UEMMA", "UNINA"
PER, ANNE, JON = (user for user, _ in PULSE_PEOPLE)
ANSWERS = {
    OLA: (4, 4, 3, "Fin uke, men mye møter."),
    EMMA: (3, 3, 4, ""),
    PER: (5, 4, 4, "Godt samarbeid i teamet denne uka."),
    ANNE: (4, 5, 3, ""),
    JON: (4, 3, 5, "Savner litt mer tid til fordypning."),
    NINA: (3, 4, 4, ""),
}


def _on(day: date, days_later: int, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day + timedelta(days=days_later), time(hour, minute), OSLO)


def _round_of(dm: dict[str, Any]) -> str:
    for block in dm.get("blocks", []):
        for element in block.get("elements", []):
            if element.get("action_id") == PULSE_ANSWER:
                return str(element["value"])
    raise LookupError("no Svar button in the last DM")


def _values(view: dict[str, Any], scores: tuple[int, int, int], comment: str) -> dict[str, Any]:
    values: dict[str, Any] = {}
    questions = [b["block_id"] for b in view["blocks"] if question_of_block(str(b.get("block_id", "")))]
    for block_id, score in zip(questions, scores, strict=True):
        values[block_id] = {ids.INPUT: {"type": "radio_buttons", "selected_option": {"value": str(score)}}}
    values[PULSE_COMMENT_BLOCK] = {ids.INPUT: {"type": "plain_text_input", "value": comment or None}}
    return values


async def answer(demo: Demo, user_id: str) -> None:
    """Click "Svar" in the last DM and send the modal with that person's answers."""
    await demo.click(user_id, "Svar", PULSE_ANSWER, value=_round_of(demo.last_dm(user_id)))
    opened = [c for c in demo.fake.calls_to("views.open") if c.args.get("view", {}).get("callback_id") == PULSE_MODAL]
    view = opened[-1].args["view"]
    first, second, third, comment = ANSWERS[user_id]
    demo.transcript.add(user_id, demo.clock.now(), "sender svaret sitt i pulsen", "")
    await demo.slack.submit(user_id, view, _values(view, (first, second, third), comment))


async def scene_pulse(demo: Demo) -> None:
    """Kari builds her team of six; five answer, the two not done by Friday get one reminder, one still does not."""
    day = next_round_day(local_date(demo.clock.now(), OSLO), PulseSchedule())
    assert day is not None
    mentions = " ".join(f"<@{user}|{user.lower()}>" for user in (OLA, EMMA, NINA, PER, ANNE, JON))
    await demo.command(KARI, f"team legg-til {mentions}")
    await demo.run_until(_on(day, 0, 10, 30))
    for user_id in (PER, ANNE, JON):
        await answer(demo, user_id)
    await demo.run_until(_on(day, 0, 16, 30))  # 10:30 in New York
    await answer(demo, NINA)
    await demo.command(KARI, "puls")
    await demo.run_until(_on(day, 2, 11))  # Friday: the one reminder, to Emma and Ola only
    await answer(demo, EMMA)
    await demo.run_until(_on(day, 5, 9))  # Monday: the round closed at 08:00
    await demo.command(KARI, "puls")
    await demo.open_home(PER)
