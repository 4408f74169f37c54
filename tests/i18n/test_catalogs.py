"""Catalog hygiene: every language has the same keys and placeholders, and every file is well-formed.

The files are found on disk here, independently of the loader, so a new area file is checked the moment it
exists, and a file the loader would miss is caught too.
"""

from __future__ import annotations

import json
from pathlib import Path
from string import Formatter

import pytest

import bot.i18n
from bot.i18n import LANGUAGES, CatalogError, load_catalog

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


def _placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in Formatter().parse(text) if field is not None}


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
        assert isinstance(value, str), f"{_file_id(path)}: {key!r} is not a string"
        assert value.strip(), f"{_file_id(path)}: {key!r} is empty"
        assert value == value.strip(), f"{_file_id(path)}: {key!r} has leading or trailing space"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_loader_reads_every_file(lang: str) -> None:
    on_disk: dict[str, object] = {}
    for path in CATALOG_ROOT.glob(f"{lang}/*.json"):
        on_disk.update(_read(path))
    assert dict(load_catalog(lang)) == on_disk


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
        ("common.json", '{"common.x": 3}', "must be a string"),
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
