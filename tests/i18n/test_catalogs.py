"""Catalog hygiene: every language has the same keys and placeholders, every file is well-formed, every count
has CLDR plural forms, and no catalog holds a clock time.

The files are found on disk here, independently of the loader, so a new area file is checked the moment it
exists, and a file the loader would miss is caught too.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from string import Formatter

import pytest

import bot.i18n
from bot.i18n import LANGUAGES, CatalogError, Message, get_translator, load_catalog, plural_categories

CATALOG_ROOT = Path(bot.i18n.__file__).parent
CATALOG_FILES = sorted(CATALOG_ROOT.glob("*/*.json"))
AREAS = sorted({path.stem for path in CATALOG_FILES})


def _file_id(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def _strict_pairs(items: list[tuple[str, object]]) -> dict[str, object]:
    keys = [key for key, _ in items]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    assert not duplicates, f"keys defined twice: {duplicates}"
    return dict(items)


def _read(path: Path) -> dict[str, object]:
    data = json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=_strict_pairs)
    assert isinstance(data, dict), f"{_file_id(path)} must hold one JSON object"
    return data


def _forms(message: object) -> list[object]:
    """The texts of a message: itself, or each of its plural forms (as read, so the checks see any type)."""
    if isinstance(message, Mapping):
        return list(message.values())
    return [message]


def _placeholders(message: Message) -> set[str]:
    return {field for text in _forms(message) for _, field, _, _ in Formatter().parse(str(text)) if field is not None}


def test_language_folders_are_exactly_the_languages() -> None:
    assert {path.parent.name for path in CATALOG_FILES} == set(LANGUAGES)
    assert {"common", "dates"} <= set(AREAS)


@pytest.mark.parametrize("area", AREAS)
def test_every_area_exists_in_every_language(area: str) -> None:
    missing = [lang for lang in LANGUAGES if not (CATALOG_ROOT / lang / f"{area}.json").is_file()]
    assert not missing, f"{area}.json is missing for {missing}"


@pytest.mark.parametrize("path", CATALOG_FILES, ids=_file_id)
def test_file_is_a_flat_object_of_non_empty_strings_in_its_area(path: Path) -> None:
    data = _read(path)
    assert data, f"{_file_id(path)} is empty"
    for key, value in data.items():
        assert key.startswith(f"{path.stem}."), f"{_file_id(path)}: {key!r} is outside area {path.stem!r}"
        if isinstance(value, dict):
            assert set(value) == plural_categories(path.parent.name), f"{_file_id(path)}: {key!r} plural forms"
        else:
            assert isinstance(value, str), f"{_file_id(path)}: {key!r} is neither a string nor plural forms"
        for text in _forms(value):
            assert isinstance(text, str), f"{_file_id(path)}: {key!r} has a form that is not a string"
            assert text.strip(), f"{_file_id(path)}: {key!r} is empty"
            assert text == text.strip(), f"{_file_id(path)}: {key!r} has leading or trailing space"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_loader_reads_every_file(lang: str) -> None:
    on_disk: dict[str, object] = {}
    for path in CATALOG_ROOT.glob(f"{lang}/*.json"):
        on_disk.update(_read(path))
    loaded = {key: value if isinstance(value, str) else dict(value) for key, value in load_catalog(lang).items()}
    assert loaded == on_disk


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "nb"])
def test_same_keys_as_bokmal(lang: str) -> None:
    reference, other = set(load_catalog("nb")), set(load_catalog(lang))
    assert not reference - other, f"missing in {lang}: {sorted(reference - other)}"
    assert not other - reference, f"only in {lang}: {sorted(other - reference)}"


def test_same_placeholders_in_every_language() -> None:
    mismatched = []
    for key, text in load_catalog("nb").items():
        expected = _placeholders(text)
        for lang in LANGUAGES:
            found = _placeholders(load_catalog(lang).get(key, text))
            if found != expected:
                mismatched.append(f"{lang} {key}: {sorted(found)} != {sorted(expected)}")
    assert not mismatched, "\n".join(mismatched)


# --- plural forms (CLDR, through Babel) ---

# Placeholders the code fills with a number of things; any of them followed by a noun needs plural forms.
# (k is left out on purpose: it is never below 3, anonymity.MIN_K, so "minst {k} medlemmer" is always right.)
NUMBER_PLACEHOLDERS = {"count", "n", "answered", "invited", "size", "held", "planned", "open", "done", "overdue"}
# Words that may follow a number without depending on it: "3 av 5", "2 of 5", "({percent} %)".
NUMBER_NEIGHBOURS = {"av", "of", "har", "have", "has", "til", "more", "svarte", "answered"}


def test_the_plural_categories_are_cldr_s() -> None:
    assert {lang: plural_categories(lang) for lang in LANGUAGES} == {
        lang: frozenset({"one", "other"}) for lang in LANGUAGES
    }


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_message_with_a_count_has_plural_forms_and_a_plural_takes_the_count(lang: str) -> None:
    for key, message in load_catalog(lang).items():
        takes_count = "count" in _placeholders(message)
        assert takes_count == (not isinstance(message, str)), f"{lang} {key}: {{count}} and plural forms go together"
        if not isinstance(message, str):
            assert "{count}" in message["other"], f"{lang} {key}: the 'other' form must show the count"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_number_stands_before_a_word_that_could_need_its_plural(lang: str) -> None:
    # "{open} åpne tiltak" would read "1 åpne tiltak"; such a text must be plural ({count}) or say "Åpne: {open}".
    for key, message in load_catalog(lang).items():
        for text in _forms(message):
            for name, word in re.findall(r"\{(\w+)\}\s+([^\W\d_]+)", text):
                if name in NUMBER_PLACEHOLDERS - {"count"} and word.lower() not in NUMBER_NEIGHBOURS:
                    pytest.fail(f"{lang} {key}: {{{name}}} {word} needs plural forms")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("count", [0, 1, 2, 5, 11, 21, 101])
def test_every_plural_message_renders_for_every_count(lang: str, count: int) -> None:
    tr = get_translator(lang)
    for key, message in load_catalog(lang).items():
        if isinstance(message, str):
            continue
        params = {name: "x" for name in _placeholders(message)} | {"count": count}
        text = tr.t(key, **params)
        assert str(count) in text or count == 1, f"{lang} {key}: {text}"


@pytest.mark.parametrize(
    ("lang", "count", "expected"),
    [
        ("nb", 1, "med 1 nytt tiltak"),
        ("nb", 2, "med 2 nye tiltak"),
        ("nb", 0, "med 0 nye tiltak"),
        ("nn", 1, "med 1 nytt tiltak"),
        ("nn", 3, "med 3 nye tiltak"),
        ("en", 1, "with 1 new action point."),
        ("en", 21, "with 21 new action points."),
    ],
)
def test_plural_forms_follow_cldr(lang: str, count: int, expected: str) -> None:
    assert expected in get_translator(lang).t("oneonone.held_with_tiltak", count=count, employee="U1")


def test_a_plural_message_without_a_count_is_refused() -> None:
    tr = get_translator("nb")
    with pytest.raises(KeyError, match="integer count"):
        tr.t("oneonone.held_with_tiltak", employee="U1")
    with pytest.raises(KeyError, match="integer count"):
        tr.t("oneonone.held_with_tiltak", count="2", employee="U1")


# --- times: Språkrådet's "kl. 09.00" in nb and nn, and never a clock time written into a catalog ---

CLOCK_TIME = re.compile(r"(?<![\d.])(?:[01]?\d|2[0-3])[:.][0-5]\d(?![\d.])")
TIME_WORD = re.compile(r"\b(?:kl\.|at|klokka|klokken)\s+\d")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_catalog_writes_a_clock_time(lang: str) -> None:
    # A time comes in as a placeholder filled by Translator.time (from the schedule's constants), so the text
    # can never disagree with the schedule or with Språkrådet. Dates such as 15.01 or 24.12-01.01 are not times.
    for key, message in load_catalog(lang).items():
        for text in _forms(message):
            assert not TIME_WORD.search(text), f"{lang} {key}: {text}"
            for match in CLOCK_TIME.finditer(text):
                assert ":" not in match.group(), f"{lang} {key}: clock time {match.group()!r}"


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_norwegian_texts_never_use_a_colon_in_a_time(lang: str) -> None:
    for key, message in load_catalog(lang).items():
        for text in _forms(message):
            assert not re.search(r"kl\.\s*\d{1,2}:\d{2}", text), f"{lang} {key}: {text}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_placeholders_are_named(lang: str) -> None:
    # Translator.t fills only keyword parameters, so "{}" or "{0}" could never be filled.
    for key, text in load_catalog(lang).items():
        for field in _placeholders(text):
            assert field.isidentifier(), f"{lang} {key}: placeholder {{{field}}} must be a plain name"


# --- the loader's own checks ---


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("common.json", '{"help.title": "Hjelp"}', "must start with 'common.'"),
        ("common.json", '{"common.x": 3}', "must be a string or plural forms"),
        ("common.json", '{"common.x": {"one": "a"}}', r"must map exactly \['one', 'other'\]"),
        ("common.json", '{"common.x": {"one": "a", "other": "b", "few": "c"}}', "must map exactly"),
        ("common.json", '{"common.x": {"one": "a", "other": 2}}', "must map exactly"),
        ("common.json", '["common.x"]', "one JSON object"),
        ("common.json", '{"common.x": "a", "common.x": "b"}', "appears twice"),
        ("common.json", '{"common.x": "a",}', "not valid JSON"),
    ],
)
def test_loader_rejects_malformed_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, text: str, message: str
) -> None:
    path = _write(tmp_path, name, text)
    monkeypatch.setattr(bot.i18n, "catalog_files", lambda lang: (path,))
    with pytest.raises(CatalogError, match=message):
        load_catalog.__wrapped__("nb")


def test_loader_rejects_a_key_in_two_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Area prefixes keep files apart, except when one area's name extends another's.
    first = _write(tmp_path, "common.json", '{"common.extra.y": "a"}')
    second = _write(tmp_path, "common.extra.json", '{"common.extra.y": "b"}')
    monkeypatch.setattr(bot.i18n, "catalog_files", lambda lang: (first, second))
    with pytest.raises(CatalogError, match=r"is in both common\.json and common\.extra\.json"):
        load_catalog.__wrapped__("nb")
