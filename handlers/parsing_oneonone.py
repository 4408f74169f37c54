"""The 1:1 command grammar: `1til1 <@bruker> [ukentlig|annenhver uke|hver 3. uke|månedlig] [<ukedag>] [kl. HH:MM]`,
`1til1 <@bruker> stopp`, `ny <@bruker> start <dato> [prøvetid <n> måneder]`, `ny <@bruker> forleng <dato>`, and
the English `1on1 … [weekly|biweekly|monthly] [at HH:MM]`, `new @user start <date> [probation <n> months]`,
`new @user extend <date>`. Never raises; anything left over makes it a syntax error so nothing is guessed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time

from bot.rules.cadence import Cadence
from bot.rules.dateparse import weekday_number

_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")
_TIME = re.compile(r"^(?:kl\.?\s*|at\s+)?([01]?\d|2[0-3])(?:[:.]([0-5]\d))?$")
# Longest phrases first, so "hver 3. uke" wins over "uke".
_CADENCES: tuple[tuple[str, Cadence], ...] = (
    ("every other week", Cadence.BIWEEKLY),
    ("every second week", Cadence.BIWEEKLY),
    ("every 2 weeks", Cadence.BIWEEKLY),
    ("every third week", Cadence.EVERY_THREE_WEEKS),
    ("every 3 weeks", Cadence.EVERY_THREE_WEEKS),
    ("every week", Cadence.WEEKLY),
    ("every month", Cadence.MONTHLY),
    ("annenhver uke", Cadence.BIWEEKLY),
    ("annakvar veke", Cadence.BIWEEKLY),
    ("hver andre uke", Cadence.BIWEEKLY),
    ("hver 2. uke", Cadence.BIWEEKLY),
    ("kvar 2. veke", Cadence.BIWEEKLY),
    ("hver tredje uke", Cadence.EVERY_THREE_WEEKS),
    ("kvar tredje veke", Cadence.EVERY_THREE_WEEKS),
    ("hver 3. uke", Cadence.EVERY_THREE_WEEKS),
    ("kvar 3. veke", Cadence.EVERY_THREE_WEEKS),
    ("hver uke", Cadence.WEEKLY),
    ("kvar veke", Cadence.WEEKLY),
    ("hver måned", Cadence.MONTHLY),
    ("kvar månad", Cadence.MONTHLY),
    ("ukentlig", Cadence.WEEKLY),
    ("vekentleg", Cadence.WEEKLY),
    ("weekly", Cadence.WEEKLY),
    ("biweekly", Cadence.BIWEEKLY),
    ("fortnightly", Cadence.BIWEEKLY),
    ("månedlig", Cadence.MONTHLY),
    ("månadleg", Cadence.MONTHLY),
    ("monthly", Cadence.MONTHLY),
)
_STOP = {"stopp", "stop", "avslutt", "slutt", "end"}


@dataclass(frozen=True)
class SetOneOnOne:
    employee_id: str | None
    cadence: Cadence | None = None
    weekday: int | None = None
    at: time | None = None
    stop: bool = False
    syntax_error: bool = False


@dataclass(frozen=True)
class NewEmployee:
    """`ny <@bruker> start <dato> [prøvetid <n> måneder]`, or with `extend` `ny <@bruker> forleng <dato>`.
    `months` is None when not given; `months_error` when the length is there but not a number of months."""

    employee_id: str | None
    start_text: str | None
    months: int | None = None
    months_error: bool = False
    extend: bool = False


_PROBATION_WORDS = ("prøvetid", "prøvetida", "prøvetiden", "provetid", "probation")
_MONTH_WORDS = {"måned", "måneder", "månad", "månader", "mnd", "mnd.", "month", "months", "md", "md."}
_EXTEND_WORDS = ("forleng ", "forlenge ", "forlengar ", "forlengja ", "extend ", "forleng:", "extend:")


def _split_months(text: str) -> tuple[str, int | None, bool]:
    """`<start> prøvetid 4 måneder` → (`<start>`, 4, False); a length that is no number → (…, None, True)."""
    lowered = text.lower()
    for word in _PROBATION_WORDS:
        at = lowered.find(f" {word}")
        if at < 0 and lowered.startswith(word):
            at = 0
        if at < 0:
            continue
        head, tail = text[:at].strip(), text[at:].split()[1:]
        tail = [part for part in tail if part.lower() not in _MONTH_WORDS and part.lower() not in ("på", "of", "på:")]
        if len(tail) == 1 and tail[0].isdigit() and len(tail[0]) <= 2:
            return head, int(tail[0]), False
        return head, None, True
    return text, None, False


def parse_one_on_one(rest: str) -> SetOneOnOne:
    mentions = _MENTION.findall(rest)
    employee = mentions[0] if mentions else None
    text = " " + " ".join(_MENTION.sub(" ", rest).lower().split()) + " "
    if len(set(mentions)) > 1:
        return SetOneOnOne(employee, syntax_error=True)
    if any(f" {word} " in text for word in _STOP):
        rest_of_it = text
        for word in _STOP:
            rest_of_it = rest_of_it.replace(f" {word} ", " ")
        return SetOneOnOne(employee, stop=True, syntax_error=bool(rest_of_it.strip()))
    cadence: Cadence | None = None
    for phrase, value in _CADENCES:
        if f" {phrase} " in text:
            cadence = value
            text = text.replace(f" {phrase} ", " ", 1)
            break
    words = text.split()
    weekday: int | None = None
    at: time | None = None
    leftover: list[str] = []
    index = 0
    while index < len(words):
        word = words[index]
        if word in ("kl", "kl.", "at") and index + 1 < len(words):
            word = f"{word} {words[index + 1]}"
            index += 1
        found_time = _TIME.match(word)
        number = weekday_number(word)
        if number is not None and weekday is None:
            weekday = number
        elif found_time is not None and (":" in word or "." in word[3:] or word.startswith(("kl", "at"))):
            at = time(int(found_time.group(1)), int(found_time.group(2) or 0))
        elif word not in ("på", "on", "om", "every", "hver", "kvar"):
            leftover.append(word)
        index += 1
    return SetOneOnOne(employee, cadence, weekday, at, syntax_error=bool(leftover))


def parse_new_employee(rest: str) -> NewEmployee:
    mentions = _MENTION.findall(rest)
    employee = mentions[0] if mentions else None
    text = " ".join(_MENTION.sub(" ", rest).split())
    lowered = text.lower()
    for word in _EXTEND_WORDS:
        if lowered.startswith(word):
            return NewEmployee(employee, text[len(word) :].strip() or None, extend=True)
    for word in ("start ", "starter ", "startar ", "starts ", "fra ", "frå ", "from "):
        if lowered.startswith(word):
            text = text[len(word) :]
            break
    text, months, months_error = _split_months(text)
    return NewEmployee(employee, text or None, months, months_error)
