"""The glossary (`bot/i18n/glossary.json`): one chosen term per concept in nb, nn and en, used by the catalogs.

Properties: every concept names its term in all three languages; every chosen term occurs in that language's
catalogs (a glossary that drifts from the texts fails); no catalog text uses a word the glossary rejects for
that concept (so "sjef" or "action item" cannot creep back in).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

import bot.i18n
from bot.i18n import LANGUAGES, load_catalog

GLOSSARY = json.loads((Path(bot.i18n.__file__).parent / "glossary.json").read_text(encoding="utf-8"))
TERMS: list[dict[str, Any]] = GLOSSARY["terms"]


def _texts(lang: str) -> list[tuple[str, str]]:
    texts: list[tuple[str, str]] = []
    for key, message in load_catalog(lang).items():
        forms = [message] if isinstance(message, str) else list(message.values())
        texts += [(key, text) for text in forms]
    return texts


def _mentions(text: str, term: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(term.lower())}(?![\w])", text.lower()) is not None


def test_every_concept_has_a_term_in_every_language() -> None:
    assert len(TERMS) >= 12
    concepts = [term["concept"] for term in TERMS]
    assert len(set(concepts)) == len(concepts)
    for term in TERMS:
        for lang in LANGUAGES:
            assert term[lang]["use"].strip(), f"{term['concept']}: no {lang} term"
            assert term[lang]["use"] not in term[lang]["avoid"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_chosen_term_is_used_by_the_catalogs(lang: str) -> None:
    texts = [text for _, text in _texts(lang)]
    unused = [t[lang]["use"] for t in TERMS if not any(t[lang]["use"].lower() in text.lower() for text in texts)]
    assert not unused, f"{lang}: glossary terms no catalog uses: {unused}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_catalog_uses_a_rejected_word(lang: str) -> None:
    found = [
        f"{key}: {word!r} (use {term[lang]['use']!r})"
        for term in TERMS
        for word in term[lang]["avoid"]
        for key, text in _texts(lang)
        if _mentions(text, word)
    ]
    assert not found, "\n".join(found)


def test_the_check_would_catch_a_rejected_word() -> None:
    assert _mentions("Sjefen din er leder", "leder")
    assert not _mentions("medarbeidersamtale", "medarbeider")
    assert not _mentions("1:1-samtale", "samtale")
