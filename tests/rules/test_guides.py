"""The conversation guides in the catalogs match the counts in `bot.rules.conversations`, in every language.

Builders loop `guide.<type>.q1 … qN` with N from GUIDE_QUESTIONS, so an extra or missing question in one
language would be silently dropped or raise at send time. The return-after-absence guide must never ask about
health: its intro says so, and its questions must not touch the subject at all.
"""

from __future__ import annotations

import re

import pytest

from bot.i18n import LANGUAGES, get_translator, load_catalog
from bot.rules.conversations import (
    GUIDE_QUESTIONS,
    LIFE_PHASE_TOPICS,
    LIFE_PHASES,
    PREP_QUESTIONS,
    ConversationType,
    guide_question_keys,
    life_phase_topic_keys,
    prep_question_keys,
)

# Word starts, so "kolleger" does not match "lege"; covers nb, nn and en.
HEALTH_WORDS = re.compile(
    r"\b(?:diagnos|sykdom|sjukdom|syk|sjuk|sick|ill\b|illness|helse|health|behandl|treat|medisin|medic|lege(?:n|ne|r)?\b|fastleg|doctor"
    r"|terapi|therap|symptom|smerte|pain|psyk|psych|hjemme|heime|home|famil|privatliv|private life)",
    re.IGNORECASE,
)
GUIDE_KEY = re.compile(r"guide\.(?P<type>[a-z]+)\.q(?P<number>\d+)")


def _numbered(prefix: str, letter: str, lang: str) -> list[str]:
    pattern = re.compile(re.escape(prefix) + letter + r"\d+")
    return sorted(key for key in load_catalog(lang) if pattern.fullmatch(key))


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("kind", list(ConversationType))
def test_every_type_has_a_full_guide(lang: str, kind: ConversationType) -> None:
    t = get_translator(lang).t
    for part in ("name", "intro", "after"):
        assert t(f"guide.{kind.value}.{part}").strip()
    questions = [t(key) for key in guide_question_keys(kind)]
    assert len(questions) == GUIDE_QUESTIONS[kind]
    assert all(question.endswith("?") for question in questions), questions
    assert len(set(questions)) == len(questions), "a question appears twice"
    # exactly N: no stray q(N+1) or gaps that the loop would never show
    assert _numbered(f"guide.{kind.value}.", "q", lang) == sorted(guide_question_keys(kind))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_guide_questions_for_unknown_types(lang: str) -> None:
    types = {match["type"] for key in load_catalog(lang) if (match := GUIDE_KEY.fullmatch(key))}
    assert types == {kind.value for kind in ConversationType} | {"prep"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_prep_questions(lang: str) -> None:
    t = get_translator(lang).t
    assert t("guide.prep.title").strip()
    assert _numbered("guide.prep.", "q", lang) == sorted(prep_question_keys())
    assert len(prep_question_keys()) == PREP_QUESTIONS
    assert all(t(key).endswith("?") for key in prep_question_keys())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_life_phases_have_their_declared_topics(lang: str) -> None:
    t = get_translator(lang).t
    assert t("guide.life.title").strip()
    assert t("guide.life.intro").strip()
    for phase in LIFE_PHASES:
        assert t(f"guide.life.{phase}.name").strip()
        assert _numbered(f"guide.life.{phase}.", "t", lang) == sorted(life_phase_topic_keys(phase))
        assert len(life_phase_topic_keys(phase)) == LIFE_PHASE_TOPICS[phase]
    phases = {key.split(".")[2] for key in load_catalog(lang) if key.startswith("guide.life.") and key.count(".") == 3}
    assert phases == set(LIFE_PHASES)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_privacy_note(lang: str) -> None:
    assert get_translator(lang).t("guide.privacy_note").strip()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_return_guide_never_asks_about_health(lang: str) -> None:
    t = get_translator(lang).t
    kind = ConversationType.RETURN
    texts = {
        key: t(key) for key in (*guide_question_keys(kind), f"guide.{kind.value}.name", f"guide.{kind.value}.after")
    }
    found = {key: HEALTH_WORDS.findall(text) for key, text in texts.items() if HEALTH_WORDS.search(text)}
    assert not found, found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_return_guide_intro_tells_the_manager_not_to_ask_about_diagnosis(lang: str) -> None:
    intro = get_translator(lang).t("guide.return.intro").lower()
    assert "diagnos" in intro
    assert re.search(r"\b(helse|health)\b", intro)


def test_the_health_word_check_catches_what_it_should() -> None:
    assert HEALTH_WORDS.search("Hvordan går det med sykdommen?")
    assert HEALTH_WORDS.search("Kva seier legen?")
    assert HEALTH_WORDS.search("How is the treatment going?")
    assert HEALTH_WORDS.search("Hvordan har du det hjemme?")
    assert not HEALTH_WORDS.search("Hva bør kollegene vite?")
