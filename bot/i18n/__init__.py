"""Every user-visible text of the app, in Bokmål (default), Nynorsk and English.

Catalogs are JSON files `bot/i18n/<lang>/<area>.json`, each a flat object `{"<area>.key": "text {param}"}`.
All `*.json` files in a language folder are loaded, so a feature adds its texts by adding an area file in all
three folders. A key outside its file's area, a key defined twice, or a file that is not a flat object of
strings stops loading with `CatalogError`: a broken catalog should fail the tests, not a user's message.

Plural forms: a message that takes a number of things is an object keyed by the CLDR plural categories of its
language (`{"one": "{count} nytt tiltak", "other": "{count} nye tiltak"}`); `t(key, count=n)` picks the form
with Babel's `Locale.plural_form`, so the rules are CLDR's, not ours. The count is always the parameter
`count`. An object must name exactly the language's categories (nb, nn, en: `one` and `other`).

`Translator.t` raises KeyError for an unknown key rather than falling back to another language, so a missing
text shows up in tests instead of as mixed-language messages.
"""

from __future__ import annotations

import datetime as dt  # Translator has methods named date, datetime and time
import json
from collections.abc import Mapping
from functools import lru_cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from types import MappingProxyType
from zoneinfo import ZoneInfo

from bot.i18n import formatting

Message = str | Mapping[str, str]

LANGUAGES = ("nb", "nn", "en")
DEFAULT_LANGUAGE = "nb"

# Slack `locale` values (e.g. "nb-NO", "en-GB") by their language part; "no" is the older code for Bokmål.
_SLACK_LANGUAGES = MappingProxyType({"nb": "nb", "no": "nb", "nn": "nn", "en": "en"})


class CatalogError(ValueError):
    """A catalog file is malformed, or two files define the same key."""


def catalog_files(lang: str) -> tuple[Traversable, ...]:
    """Every catalog file of `lang`, sorted by name."""
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language: {lang!r}")
    folder = files(__name__) / lang
    return tuple(
        sorted(
            (entry for entry in folder.iterdir() if entry.is_file() and entry.name.endswith(".json")),
            key=lambda entry: entry.name,
        )
    )


def plural_categories(lang: str) -> frozenset[str]:
    """The CLDR plural categories of `lang` ("one", "other" for nb, nn and en)."""
    return frozenset(formatting.plural_rule(lang).tags) | {"other"}


def _read_catalog_file(entry: Traversable, lang: str) -> dict[str, Message]:
    area = entry.name.removesuffix(".json")

    def pairs(items: list[tuple[str, object]]) -> dict[str, object]:
        result: dict[str, object] = {}
        for key, value in items:
            if key in result:
                raise CatalogError(f"{entry.name}: key {key!r} appears twice")
            result[key] = value
        return result

    try:
        data = json.loads(entry.read_text(encoding="utf-8"), object_pairs_hook=pairs)
    except json.JSONDecodeError as exc:
        raise CatalogError(f"{entry.name}: not valid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise CatalogError(f"{entry.name}: must hold one JSON object")
    messages: dict[str, Message] = {}
    categories = plural_categories(lang)
    for key, value in data.items():
        if not key.startswith(f"{area}."):
            raise CatalogError(f"{entry.name}: key {key!r} must start with {area + '.'!r}")
        if isinstance(value, dict):
            forms = {name: form for name, form in value.items() if isinstance(form, str)}
            if len(forms) != len(value) or set(forms) != categories:
                raise CatalogError(f"{entry.name}: plural {key!r} must map exactly {sorted(categories)} to strings")
            messages[key] = MappingProxyType(forms)
        elif isinstance(value, str):
            messages[key] = value
        else:
            raise CatalogError(f"{entry.name}: value of {key!r} must be a string or plural forms")
    return messages


@lru_cache(maxsize=len(LANGUAGES))
def load_catalog(lang: str) -> Mapping[str, Message]:
    """All messages of `lang`, from every catalog file of that language (plural messages as mappings)."""
    messages: dict[str, Message] = {}
    origin: dict[str, str] = {}
    for entry in catalog_files(lang):
        for key, value in _read_catalog_file(entry, lang).items():
            if key in messages:
                raise CatalogError(f"{lang}: key {key!r} is in both {origin[key]} and {entry.name}")
            messages[key] = value
            origin[key] = entry.name
    return MappingProxyType(messages)


class Translator:
    """Texts, dates and times in one language. Get one with `get_translator`."""

    __slots__ = ("_lang", "_messages")

    def __init__(self, lang: str, messages: Mapping[str, Message]) -> None:
        if lang not in LANGUAGES:
            raise ValueError(f"unsupported language: {lang!r}")
        self._lang = lang
        self._messages = messages

    def __repr__(self) -> str:
        return f"Translator({self._lang!r})"

    @property
    def lang(self) -> str:
        """The language code: nb, nn or en."""
        return self._lang

    def t(self, key: str, **params: object) -> str:
        """The text for `key` with `{placeholders}` filled from `params`.

        A `datetime.time` value is written by `time()` ("09.00" in nb and nn, "09:00" in en), so catalogs never
        hold a clock time and callers never format one. A plural message picks its CLDR form from the integer
        `count`. Raises KeyError when the key is not in this language's catalog, a placeholder has no value, or a
        plural message gets no integer `count`.
        """
        try:
            message = self._messages[key]
        except KeyError:
            raise KeyError(f"no text {key!r} in the {self._lang!r} catalog") from None
        params = {name: self.time(value) if isinstance(value, dt.time) else value for name, value in params.items()}
        if isinstance(message, str):
            return message.format_map(params)
        count = params.get("count")
        if not isinstance(count, int) or isinstance(count, bool):
            raise KeyError(f"plural text {key!r} needs an integer count")
        return message[formatting.plural_rule(self._lang)(abs(count))].format_map(params)

    def is_plural(self, key: str) -> bool:
        """Whether `key` has plural forms (and so needs `count`)."""
        return not isinstance(self._messages[key], str)

    def date(self, d: dt.date) -> str:
        """ "fredag 4. desember 2026 (uke 49)"; nn "(veke 49)"; en "Friday 4 December 2026 (week 49)"."""
        return self.t("dates.with_week", date=formatting.long_date(d, self._lang), week=formatting.week_number(d))

    def day_month(self, day: int, month: int) -> str:
        """ "1. februar" (nb, nn) or "1 February" (en): a day of the year without weekday or year."""
        return formatting.day_month(day, month, self._lang)

    def date_short(self, d: dt.date) -> str:
        """ "4.12.2026" (nb, nn) or "4 Dec 2026" (en)."""
        return formatting.short_date(d, self._lang)

    def datetime(self, instant: dt.datetime, zone: ZoneInfo) -> str:
        """`instant` on a wall clock in `zone`: "tirsdag 1. desember 2026 kl. 13.00 (uke 49)".

        The week is that of the local date. Raises ValueError for a naive `instant`.
        """
        if instant.tzinfo is None or instant.utcoffset() is None:
            raise ValueError("instant must be timezone-aware")
        local = instant.astimezone(zone)
        day = local.date()
        at = self.t(
            "dates.at_time",
            date=formatting.long_date(day, self._lang),
            time=formatting.clock_time(local.time(), self._lang),
        )
        return self.t("dates.with_week", date=at, week=formatting.week_number(day))

    def weekday(self, d: dt.date) -> str:
        """The weekday name as used in a sentence: "fredag", "tysdag", "Friday"."""
        return formatting.weekday_name(d, self._lang)

    def time(self, t: dt.time) -> str:
        """ "13.00" in nb and nn (Språkrådet), "13:00" in en; the catalogs put "kl." or "at" around it."""
        return formatting.clock_time(t, self._lang)

    def number(self, value: float) -> str:
        """One decimal: "3,8" in Norwegian, "3.8" in English."""
        return formatting.decimal(value, self._lang)

    def change(self, value: float) -> str:
        """A signed change: "+0,3", "−0,2", "±0,0"."""
        return formatting.signed_decimal(value, self._lang)


@lru_cache(maxsize=len(LANGUAGES))
def _translator(lang: str) -> Translator:
    return Translator(lang, load_catalog(lang))


def get_translator(lang: str) -> Translator:
    """The shared Translator for `lang`; an unknown code gets the default language (nb)."""
    return _translator(lang if lang in LANGUAGES else DEFAULT_LANGUAGE)


def resolve_language(*, chosen: str | None, slack_locale: str | None, default: str) -> str:
    """The language to talk to a person in.

    An explicit choice (nb, nn, en) wins; else Slack's locale decides (nb-NO, no-NO, nb, no → nb;
    nn-NO, nn → nn; en-* → en); else `default`, or nb when `default` is not a supported language.
    """
    if chosen is not None and chosen.strip().lower() in LANGUAGES:
        return chosen.strip().lower()
    if slack_locale:
        base = slack_locale.strip().lower().replace("_", "-").split("-", 1)[0]
        if base in _SLACK_LANGUAGES:
            return _SLACK_LANGUAGES[base]
    return default if default in LANGUAGES else DEFAULT_LANGUAGE
