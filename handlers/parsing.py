"""The `/oppfolging` grammar: command text in, a plain command value out. Never raises.

Norwegian words with English aliases (DESIGN.md, the contract). Mentions arrive escaped (`should_escape: true`
in the manifest) as `<@U123|name>`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bot.contract.tiltak import TiltakError
from bot.rules.dateparse import DATE_SEPARATORS as SEPARATORS
from bot.rules.dateparse import split_date_suffix
from handlers.ids import small_number
from handlers.parsing_consent import SetManager, parse_consent_command
from handlers.parsing_oneonone import NewEmployee, SetOneOnOne, parse_new_employee, parse_one_on_one
from handlers.parsing_privacy import PrivacyCommand, parse_privacy_command
from handlers.parsing_pulse import PulseCommand, parse_pulse_command
from handlers.parsing_year import YearCommand, parse_year_command


@dataclass(frozen=True)
class ShowHelp:
    unknown_word: str | None = None


@dataclass(frozen=True)
class ChooseLanguage:
    code: str | None


@dataclass(frozen=True)
class Pause:
    until: str | None


@dataclass(frozen=True)
class Resume:
    pass


@dataclass(frozen=True)
class NewTiltak:
    """`tiltak <@user> <text> innen <date>`; `error` set when the text alone shows it cannot work."""

    text: str
    owner_id: str | None
    due_text: str | None
    error: TiltakError | None = None


@dataclass(frozen=True)
class OpenTiltakForm:
    pass


@dataclass(frozen=True)
class ListTiltak:
    pass


@dataclass(frozen=True)
class CompleteTiltak:
    number: int | None


@dataclass(frozen=True)
class ShowMyData:
    pass


@dataclass(frozen=True)
class ShowDeliveryStatus:
    """`status`: messages that failed for good, and why."""


@dataclass(frozen=True)
class ChooseDigest:
    """`digest <#kanal>` (the caller's team) or `digest hr <#kanal>` (organisation-wide, admins)."""

    channel_id: str | None
    org: bool = False


Command = (
    ChooseDigest
    | ShowDeliveryStatus
    | ShowMyData
    | ShowHelp
    | ChooseLanguage
    | Pause
    | Resume
    | NewTiltak
    | OpenTiltakForm
    | ListTiltak
    | CompleteTiltak
    | SetOneOnOne
    | NewEmployee
    | PulseCommand
    | SetManager
    | PrivacyCommand
    | YearCommand
)

_HELP = {"", "hjelp", "help", "?"}
_LANGUAGE = {"språk", "sprak", "spraak", "language", "lang", "mål"}
_PAUSE = {"pause"}
_RESUME = {"fortsett", "resume", "gjenoppta", "start"}
_UNTIL = {"til", "until", "to", "till"}
_TILTAK = {"tiltak", "action", "nytt"}
_ONE_ON_ONE = {"1til1", "1on1", "1:1", "1-1", "1-til-1", "entilen"}
_NEW_EMPLOYEE = {"ny", "new", "nyansatt"}
_LIST = {"liste", "list", "ls"}
_MY_DATA = {"mine-data", "my-data", "minedata", "mydata", "mine_data", "my_data"}
_STATUS = {"status", "leveranse", "levering"}
_DONE = {"ferdig", "done", "fullført", "utført"}
# With should_escape, Slack sends a mention as <@U123|name> (or <@U123>).
_CHANNEL = re.compile(r"<#([CG][A-Z0-9]+)(?:\|[^>]*)?>")
_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")


def unescape_slack(text: str) -> str:
    """Slack sends `&`, `<` and `>` in command text as entities; store what the person typed."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def parse_new_tiltak(rest: str) -> NewTiltak | OpenTiltakForm:
    """`<@user> <text> innen <date>` in any order of mention and text; the date phrase comes last."""
    if not rest.strip():
        return OpenTiltakForm()
    owners = list(dict.fromkeys(_MENTION.findall(rest)))
    text = unescape_slack(" ".join(_MENTION.sub(" ", rest).split()))
    owner = owners[0] if owners else None
    if len(owners) > 1:
        return NewTiltak(text=text, owner_id=owner, due_text=None, error=TiltakError.TWO_MENTIONS)
    split = split_date_suffix(text) or _split_at_last_separator(text)
    if split is None:
        return NewTiltak(text=text, owner_id=owner, due_text=None)
    what, when = split
    return NewTiltak(text=what, owner_id=owner, due_text=when)


def _split_at_last_separator(text: str) -> tuple[str, str] | None:
    """`<what> innen <anything>` when the tail is no date phrase (`innen blåmandag`, `innen fredag kl. 14`, a bare
    `innen`): keep the tail as the date, so the reply says the date was not understood (or is missing) instead of
    asking for a deadline the caller did give. A tiltak needs a date, so nothing that would work is lost."""
    words = text.split(" ")
    for i in reversed(range(len(words))):
        if unicodedata.normalize("NFC", words[i]).lower().rstrip(":") in SEPARATORS:
            return " ".join(words[:i]).rstrip(" \t,;:-–"), " ".join(words[i + 1 :])
    return None


def parse_command(text: str) -> Command:
    """Turn the command text into a `Command`; never raises."""
    words = text.strip().split()
    verb = words[0].lower() if words else ""
    rest = words[1:]
    if verb in _HELP:
        return ShowHelp()
    if verb in _LANGUAGE:
        return ChooseLanguage(rest[0].lower() if rest else None)
    if verb in _PAUSE:
        if not rest:
            return Pause(until=None)
        if rest[0].lower() in _UNTIL:
            rest = rest[1:]
        return Pause(until=" ".join(rest))
    if verb in _RESUME:
        return Resume()
    if verb in _TILTAK:
        return parse_new_tiltak(text.strip()[len(words[0]) :])
    if verb in _LIST:
        return ListTiltak()
    if verb in _MY_DATA:
        return ShowMyData()
    if verb in _STATUS:
        return ShowDeliveryStatus()
    if verb in ("digest", "sammendrag", "samandrag"):
        channels = _CHANNEL.findall(text)
        org = bool(rest) and rest[0].lower() in ("hr", "org", "virksomhet", "verksemd")
        return ChooseDigest(channels[0] if channels else None, org=org)
    if verb in _ONE_ON_ONE:
        return parse_one_on_one(text.strip()[len(words[0]) :])
    if verb in _NEW_EMPLOYEE:
        return parse_new_employee(text.strip()[len(words[0]) :])
    if verb in _DONE:
        digits = rest[0].lstrip("#") if rest else ""
        return CompleteTiltak(small_number(digits))
    year = parse_year_command(verb, rest)
    if year is not None:
        return year
    pulse = parse_pulse_command(verb, rest)
    if pulse is not None:
        return pulse
    admin = parse_consent_command(verb, rest)
    if admin is not None:
        return admin
    # Last of the `admin` grammars: it answers every `admin` word the ones above did not take.
    privacy = parse_privacy_command(verb, rest)
    if privacy is not None:
        return privacy
    return ShowHelp(unknown_word=words[0] if words else None)
