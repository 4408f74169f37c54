"""Locale-aware pieces of dates and times, from Babel (CLDR).

The words around them ("uke", "kl.", "at") live in the catalogs; this module only renders names and numbers.

Choices and the pitfalls behind them (research/norway-domain.md §4.3, §5.2):

- Babel locales are `nb_NO`, `nn_NO` and `en_GB` (day before month, 24-hour clock, no comma after the weekday
  once we compose it ourselves).
- Week numbers come from `date.isocalendar()`, never from Babel's `w`: the bare `nb` locale counts weeks from
  1 January (31.12.2026 becomes "uke 1"), while Norway uses ISO 8601 weeks (31.12.2026 is week 53).
- Weekday names use CLDR's *format* context: in `nn` its *stand-alone* names are Bokmål ("mandag", "lørdag").
- Nynorsk Sunday is "sundag": CLDR has "søndag"; both are correct Nynorsk, and the product text uses "sundag".
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, time
from types import MappingProxyType

from babel import Locale
from babel.dates import format_date, format_time, get_day_names
from babel.numbers import format_decimal
from babel.plural import PluralRule

BABEL_LOCALES = MappingProxyType({"nb": "nb_NO", "nn": "nn_NO", "en": "en_GB"})

_LOCALES = MappingProxyType({lang: Locale.parse(code) for lang, code in BABEL_LOCALES.items()})

# Day and month patterns per language; the weekday is prepended separately so the override below applies.
_LONG_PATTERN = MappingProxyType({"nb": "d. MMMM y", "nn": "d. MMMM y", "en": "d MMMM y"})
_SHORT_PATTERN = MappingProxyType({"nb": "d.M.y", "nn": "d.M.y", "en": "d MMM y"})
_WEEKDAY_OVERRIDES: Mapping[str, Mapping[int, str]] = MappingProxyType({"nn": MappingProxyType({6: "sundag"})})


def _locale(lang: str) -> Locale:
    try:
        return _LOCALES[lang]
    except KeyError:
        raise ValueError(f"unsupported language: {lang!r}") from None


def weekday_name(d: date, lang: str) -> str:
    """The weekday of `d` as used inside a sentence: "fredag" (nb), "tysdag" (nn), "Friday" (en)."""
    override = _WEEKDAY_OVERRIDES.get(lang, {}).get(d.weekday())
    if override is not None:
        return override
    return str(get_day_names("wide", context="format", locale=_locale(lang))[d.weekday()])


def long_date(d: date, lang: str) -> str:
    """ "fredag 4. desember 2026" (nb), "Friday 4 December 2026" (en), without the week number."""
    locale = _locale(lang)
    return f"{weekday_name(d, lang)} {format_date(d, _LONG_PATTERN[lang], locale=locale)}"


def day_month(day: int, month: int, lang: str) -> str:
    """ "1. februar" (nb, nn) or "1 February" (en); a leap year is used, so 29.2 exists."""
    pattern = "d MMMM" if lang == "en" else "d. MMMM"
    return format_date(date(2000, month, day), pattern, locale=_locale(lang))


def short_date(d: date, lang: str) -> str:
    """ "4.12.2026" (nb, nn; Språkrådet allows it with or without leading zeros) or "4 Dec 2026" (en)."""
    locale = _locale(lang)
    return format_date(d, _SHORT_PATTERN[lang], locale=locale)


# Språkrådet: "kl. 09.00" with a full stop in Bokmål and Nynorsk; English keeps the colon.
_TIME_PATTERN = MappingProxyType({"nb": "HH.mm", "nn": "HH.mm", "en": "HH:mm"})


def clock_time(t: time, lang: str) -> str:
    """Wall-clock time on the 24-hour clock: "13.00", "09.05" (nb, nn; Språkrådet) or "13:00" (en)."""
    return format_time(t, _TIME_PATTERN[lang], locale=_locale(lang))


def plural_rule(lang: str) -> PluralRule:
    """CLDR's plural rule for `lang`: maps a count to "one" or "other" (nb, nn, en)."""
    return _locale(lang).plural_form


def week_number(d: date) -> int:
    """The ISO 8601 week of `d` (1–53), the week Norwegians plan by."""
    return d.isocalendar().week


def decimal(value: float, lang: str) -> str:
    """One decimal, the language's separator: "3,8" (nb, nn), "3.8" (en)."""
    return format_decimal(round(value, 1), format="0.0", locale=_locale(lang))


def signed_decimal(value: float, lang: str) -> str:
    """A change with its sign and a real minus: "+0,3", "−0,2", "±0,0"."""
    rounded = round(value, 1)
    if rounded == 0:
        return "±" + decimal(0.0, lang)
    sign = "+" if rounded > 0 else "\u2212"
    return sign + decimal(abs(rounded), lang)
