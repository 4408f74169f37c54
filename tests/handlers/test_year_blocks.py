"""The year's builders, as plain functions of values (issue 17): the optional life-phase topics of a
medarbeidersamtale appear in both the manager's guide and the employee's preparation, in each language."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from bot.contract.year import TalkGuide
from bot.i18n import LANGUAGES, get_translator
from bot.rules.conversations import ConversationType, life_phase_topics
from handlers.blocks.plaintext import blocks_as_text
from handlers.blocks.year import build_guide_modal, build_prep_modal
from tests.handlers.year_samples import PREVIOUS, TALK


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("build", [build_guide_modal, build_prep_modal], ids=["guide", "preparation"])
def test_the_life_phase_topics_are_offered_in_the_talk(lang: str, build: Callable[[TalkGuide], dict[str, Any]]) -> None:
    view = build(TalkGuide(lang, "UKARI", TALK, PREVIOUS))
    text = blocks_as_text(view["blocks"])
    tr = get_translator(lang)
    phases = life_phase_topics(ConversationType.ANNUAL)
    assert phases
    for phase in phases:
        assert tr.t(phase.name_key) in text
        assert all(tr.t(key) in text for key in phase.topic_keys)
    assert len(view["blocks"]) <= 100
