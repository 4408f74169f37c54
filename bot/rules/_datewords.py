"""Word tables for :mod:`bot.rules.dateparse`: Bokmål, Nynorsk and English, lower-case, NFC.

Pure data plus two tiny helpers. ASCII spellings (``lordag``, ``maned``, ``atte``) are listed too, because
people on English keyboards type them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

WEEKDAYS: dict[str, int] = {
    **dict.fromkeys(("mandag", "måndag", "monday", "man", "mon"), 0),
    **dict.fromkeys(("tirsdag", "tysdag", "tuesday", "tir", "tirs", "tys", "tue", "tues"), 1),
    **dict.fromkeys(("onsdag", "wednesday", "ons", "wed"), 2),
    **dict.fromkeys(("torsdag", "thursday", "tor", "tors", "thu", "thur", "thurs"), 3),
    **dict.fromkeys(("fredag", "friday", "fre", "fri"), 4),
    **dict.fromkeys(("lørdag", "laurdag", "lordag", "saturday", "lør", "lau", "sat"), 5),
    **dict.fromkeys(("søndag", "sundag", "sondag", "sunday", "søn", "sun"), 6),
}

MONTHS: dict[str, int] = {
    **dict.fromkeys(("januar", "january", "jan"), 1),
    **dict.fromkeys(("februar", "february", "feb"), 2),
    **dict.fromkeys(("mars", "march", "mar"), 3),
    **dict.fromkeys(("april", "apr"), 4),
    **dict.fromkeys(("mai", "may"), 5),
    **dict.fromkeys(("juni", "june", "jun"), 6),
    **dict.fromkeys(("juli", "july", "jul"), 7),
    **dict.fromkeys(("august", "aug"), 8),
    **dict.fromkeys(("september", "sep", "sept"), 9),
    **dict.fromkeys(("oktober", "october", "okt", "oct"), 10),
    **dict.fromkeys(("november", "nov"), 11),
    **dict.fromkeys(("desember", "december", "des", "dec"), 12),
}

NUMBERS: dict[str, int] = {
    **dict.fromkeys(("en", "én", "ett", "ei", "ein", "eitt", "eit", "one", "a", "an"), 1),
    **dict.fromkeys(("to", "two"), 2),
    **dict.fromkeys(("tre", "three"), 3),
    **dict.fromkeys(("fire", "four"), 4),
    **dict.fromkeys(("fem", "five"), 5),
    **dict.fromkeys(("seks", "six"), 6),
    **dict.fromkeys(("sju", "syv", "seven"), 7),
    **dict.fromkeys(("åtte", "atte", "eight"), 8),
    **dict.fromkeys(("ni", "nine"), 9),
    **dict.fromkeys(("ti", "ten"), 10),
    **dict.fromkeys(("elleve", "eleven"), 11),
    **dict.fromkeys(("tolv", "twelve"), 12),
    **dict.fromkeys(("tretten", "thirteen"), 13),
    **dict.fromkeys(("fjorten", "fourteen"), 14),
}

# unit word -> (days, months) per unit
UNITS: dict[str, tuple[int, int]] = {
    **dict.fromkeys(("dag", "dager", "dagar", "døgn", "day", "days"), (1, 0)),
    **dict.fromkeys(("uke", "uker", "veke", "veker", "week", "weeks"), (7, 0)),
    **dict.fromkeys(("fortnight", "fortnights"), (14, 0)),
    **dict.fromkeys(("måned", "måneder", "månad", "månader", "maned", "maneder", "mnd", "month", "months"), (0, 1)),
    **dict.fromkeys(("år", "ar", "year", "years"), (0, 12)),
}

RELATIVE_DAYS: dict[str, int] = {
    **dict.fromkeys(("i dag", "idag", "today"), 0),
    **dict.fromkeys(("i morgen", "i morgon", "imorgen", "imorgon", "tomorrow"), 1),
    **dict.fromkeys(("i overmorgen", "i overmorgon", "overmorgen", "overmorgon", "day after tomorrow"), 2),
    **dict.fromkeys(("i går", "igår", "i gar", "igar", "yesterday"), -1),
    **dict.fromkeys(("i forgårs", "i forgars", "forgårs", "day before yesterday"), -2),
}

# Leading words dropped before parsing ("den 4. desember", "innen fredag", "by friday", "on the 4th").
PREFIXES: frozenset[str] = frozenset(
    {"den", "innen", "innan", "på", "pa", "til", "frist", "senest", "seinast", "by", "on", "due", "the"}
)
# Words that introduce a deadline at the end of a command ("… innen fredag", "… by next friday").
SEPARATORS: frozenset[str] = frozenset({"innen", "innan", "frist", "by", "due"})

WEEK = r"(?:uke|veke|week)"
NEXT = r"(?:neste|next)"
THIS_WEEK = r"(?:denne (?:uka|uken|veka|veken)|this week)"
NEXT_WEEK = r"(?:i |in )?(?:neste (?:uke|veke)|next week)"
COMING = r"(?:kommende|komande|førstkommende|this coming|coming)"
END_OF_WEEK = r"(?:i )?(?:slutten|utgangen) av (?:denne )?(?:uka|uken|veka|veken)|end of (?:the |this )?week"
END_OF_MONTH = r"(?:i )?(?:slutten|utgangen) av (?:denne )?(?:måneden|månaden|maneden)|end of (?:the |this )?month"


ORDINALS: dict[str, int] = {
    **dict.fromkeys(("første", "forste", "1.", "first", "1st"), 1),
    **dict.fromkeys(("andre", "second", "2.", "2nd"), 2),
    **dict.fromkeys(("tredje", "third", "3.", "3rd"), 3),
    **dict.fromkeys(("fjerde", "fourth", "4.", "4th"), 4),
    **dict.fromkeys(("siste", "last"), -1),
}
# Named seasons of the Norwegian working year (resolved in dateparse): phrase -> kind.
SEASONS: dict[str, str] = {
    **dict.fromkeys(("etter påske", "etter paske", "after easter"), "after_easter"),
    **dict.fromkeys(
        ("over nyttår", "over nyttar", "etter nyttår", "etter nyttar", "after new year", "after the new year"),
        "new_year",
    ),
    **dict.fromkeys(("før jul", "for jul", "before christmas"), "before_christmas"),
    **dict.fromkeys(
        (
            "sommeren",
            "sommaren",
            "før sommeren",
            "før sommaren",
            "for sommeren",
            "før ferien",
            "før fellesferien",
            "summer",
            "before summer",
            "before the summer",
            "before the summer holidays",
        ),
        "summer",
    ),
}


def alternation(words: Iterable[str]) -> str:
    """A regex group matching any of ``words``, longest first so that ``tirs`` wins over ``tir``."""
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


def number(word: str) -> int:
    """``"3"`` or a number word (``"tre"``, ``"syv"``, ``"fourteen"``) as an int."""
    return int(word) if word.isdigit() else NUMBERS[word]
