"""The pulse in the offline demo: a round where five answer and one does not, the one reminder, the result.

Kari's team needs at least k (5) members to be asked, so she adds Per, Anne and Jon too. The first round opens
on Wednesday 2 December at 10.00 in each person's own zone (16.00 in Oslo for Nina in New York); on Friday at
10.00 the two who have not answered, Emma and Ola, get the one reminder; Emma answers, Ola does not. The round
closes on Monday at 08.00 Oslo time, and Kari sees the published result: five answers of six, means,
distributions, comments without names. Everyone answers the second round, a week later.
"""

from __future__ import annotations

from typing import Any

from handlers import ids
from handlers.ids import PULSE_ANSWER, PULSE_COMMENT_BLOCK, PULSE_MODAL, question_of_block
from sim.demo.world import ANNE, EMMA, JON, KARI, NINA, OLA, PER, Demo, Scene, at, mention

ANSWERS: dict[str, tuple[int, int, int, str | None]] = {
    OLA: (4, 4, 3, "text.comment_ola"),
    EMMA: (3, 3, 4, None),
    PER: (5, 4, 4, "text.comment_per"),
    ANNE: (4, 5, 3, None),
    JON: (4, 3, 5, "text.comment_jon"),
    NINA: (3, 4, 4, None),
}
"""Each person's three scores and comment (a catalog key), the same in every round."""


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
    text = demo.say(comment) if comment else ""
    values = _values(view, (first, second, third), text)
    await demo.submit(user_id, "", values, view, narration=demo.say("pulse_answer"))


async def team(demo: Demo) -> None:
    """Kari asks five more to join her team, so that it is big enough (k = 5) for the pulse; each accepts."""
    people = " ".join(mention(user) for user in (OLA, EMMA, NINA, PER, ANNE, JON))
    await demo.command(KARI, "team_add", people=people)
    await demo.run_until(at(30, 11, 10, 40))
    for user_id in (EMMA, PER, ANNE, JON):  # Ola is in the team already: he accepted the 1:1s
        await demo.accept(user_id)
    await demo.run_until(at(30, 11, 15, 5))  # Nina's request waited for 09.00 in New York
    await demo.accept(NINA)


async def first_round(demo: Demo) -> None:
    """Wednesday: the pulse opened at 10.00 in each person's zone; three answer at once, Nina in New York later;
    Kari looks at how the round is going."""
    for user_id in (PER, ANNE, JON):
        await answer(demo, user_id)
    await demo.run_until(at(2, 12, 16, 30))  # 10.30 in New York
    await answer(demo, NINA)
    await demo.command(KARI, "pulse")


async def reminded(demo: Demo) -> None:
    """Friday: the one reminder went to Emma and Ola at 10.00; Emma answers, Ola does not."""
    await answer(demo, EMMA)


async def result(demo: Demo) -> None:
    """Monday: the round closed at 08.00; Kari sees the result, and so does Per in his App Home."""
    await demo.command(KARI, "pulse")
    await demo.open_home(PER)


async def second_round(demo: Demo) -> None:
    """The next Wednesday: everyone answers, Nina at 10.30 in New York."""
    for user_id in (OLA, PER, ANNE, JON, EMMA):
        await answer(demo, user_id)
    await demo.run_until(at(9, 12, 16, 30))
    await answer(demo, NINA)


SCENES = (
    Scene(at(30, 11, 10, 35), team),
    Scene(at(2, 12, 10, 30), first_round),
    Scene(at(4, 12, 11, 0), reminded),
    Scene(at(7, 12, 9, 5), result),
    Scene(at(9, 12, 10, 30), second_round),
)
