"""The life-phase topics in the medarbeidersamtale guide: the manager sees them in the nudge's guide, the
employee with the preparation questions, in every language; no other kind of conversation shows them.

Property: for each language and recipient, the annual nudge shows the life-phase title, the intro written for
that recipient, every phase name once, each phase's topics under it, phases in display order, and each section stays
within Slack's 3000 characters; the nudges of all other kinds contain none of it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from bot.contract.oneonone import MeetingView, OneOnOneNudge
from bot.i18n import LANGUAGES, get_translator
from bot.rules.conversations import LIFE_PHASES, ConversationType, life_phase_topic_keys
from handlers.blocks.oneonone import build_nudge

MANAGER, EMPLOYEE = "UKARI", "UOLA"
OSLO = "Europe/Oslo"
INTROS = [(MANAGER, "guide.life.intro"), (EMPLOYEE, "guide.life.prep_intro")]


def _nudge(lang: str, recipient: str, kind: ConversationType) -> list[dict[str, Any]]:
    meeting = MeetingView(
        meeting_id=7,
        pair_id=3,
        manager_id=MANAGER,
        employee_id=EMPLOYEE,
        starts_at=datetime(2027, 11, 16, 12, 0, tzinfo=UTC),
        kind=kind.value,
        moved_from=None,
        agenda=(),
    )
    message = OneOnOneNudge(lang=lang, recipient=recipient, meeting=meeting, zone=OSLO, today=date(2027, 11, 15))
    return build_nudge(message)[1]


def _texts(blocks: list[dict[str, Any]]) -> list[str]:
    texts = [block["text"]["text"] for block in blocks if "text" in block]
    texts += [element["text"] for block in blocks for element in block.get("elements", []) if "text" in element]
    return texts


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(("recipient", "intro_key"), INTROS)
def test_the_annual_nudge_offers_every_life_phase_topic(lang: str, recipient: str, intro_key: str) -> None:
    t = get_translator(lang).t
    blocks = _nudge(lang, recipient, ConversationType.ANNUAL)
    ids = [block.get("block_id") for block in blocks]
    assert ids.count("life") == 1
    assert [i for i in ids if str(i).startswith("life:")] == [f"life:{phase}" for phase in LIFE_PHASES]
    text = "\n".join(_texts(blocks))
    assert t("guide.life.title") in text
    assert t(intro_key) in text
    other_intro = "guide.life.prep_intro" if intro_key == "guide.life.intro" else "guide.life.intro"
    assert t(other_intro) not in text
    by_id = {block.get("block_id"): block["text"]["text"] for block in blocks if "text" in block}
    for phase in LIFE_PHASES:
        assert text.count(t(f"guide.life.{phase}.name")) == 1
        shown = by_id[f"life:{phase}"].split("\n")
        assert shown == [f"*{t(f'guide.life.{phase}.name')}*"] + [f"• {t(key)}" for key in life_phase_topic_keys(phase)]
    assert all(len(section) <= 3000 for section in _texts(blocks))


def test_the_manager_sees_the_topics_inside_the_guide_before_its_closing_advice() -> None:
    ids = [block.get("block_id") for block in _nudge("nb", MANAGER, ConversationType.ANNUAL)]
    assert ids.index("guide") < ids.index("life") < ids.index("life:62_70") < ids.index("guide_after")


def test_the_employee_sees_the_topics_after_the_preparation_questions() -> None:
    ids = [block.get("block_id") for block in _nudge("nb", EMPLOYEE, ConversationType.ANNUAL)]
    assert ids.index("prep") < ids.index("life") < ids.index("life:62_70") < ids.index("agenda")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("recipient", [MANAGER, EMPLOYEE])
@pytest.mark.parametrize("kind", [kind for kind in ConversationType if kind is not ConversationType.ANNUAL])
def test_other_conversations_show_no_life_phase_topics(lang: str, recipient: str, kind: ConversationType) -> None:
    t = get_translator(lang).t
    blocks = _nudge(lang, recipient, kind)
    assert not [block for block in blocks if str(block.get("block_id", "")).startswith("life")]
    text = "\n".join(_texts(blocks))
    assert t("guide.life.title") not in text
    assert all(t(key) not in text for phase in LIFE_PHASES for key in life_phase_topic_keys(phase))
