"""`admin slett|eksport <@bruker>`, `admin logg`, and any other `admin` word: plain values out, never raises.

`admin leder` is consent's (`handlers.parsing_consent`, parsed first); every other `admin …` lands here, so an
unknown admin word gets the admin help (for admins) or the not-an-admin answer, never the general help.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ADMIN = {"admin"}
_DELETE = {"slett", "delete", "sletting", "slette"}
_EXPORT = {"eksport", "export", "innsyn"}
_LOG = {"logg", "log", "audit"}
_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")


@dataclass(frozen=True)
class DeletePerson:
    """`admin slett <@bruker>`; `subject` None when not given as one mention."""

    subject: str | None


@dataclass(frozen=True)
class ExportPerson:
    """`admin eksport <@bruker>`; `subject` None when not given as one mention."""

    subject: str | None


@dataclass(frozen=True)
class ShowAuditLog:
    """`admin logg`."""


@dataclass(frozen=True)
class AdminHelp:
    """`admin` alone or with a word no grammar knows."""


PrivacyCommand = DeletePerson | ExportPerson | ShowAuditLog | AdminHelp


def _subject(words: list[str]) -> str | None:
    match = _MENTION.fullmatch(words[0]) if len(words) == 1 else None
    return match.group(1) if match else None


def parse_privacy_command(verb: str, rest: list[str]) -> PrivacyCommand | None:
    if verb.lower() not in _ADMIN:
        return None
    word = rest[0].lower() if rest else ""
    if word in _DELETE:
        return DeletePerson(_subject(rest[1:]))
    if word in _EXPORT:
        return ExportPerson(_subject(rest[1:]))
    if word in _LOG:
        return ShowAuditLog()
    return AdminHelp()
