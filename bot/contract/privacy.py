"""Personvern: deletion (`admin slett`), export (`mine-data`, `admin eksport`), the audit log (`admin logg`),
a person's own deletion request, and the retention settings. Rendered in `handlers.blocks.privacy`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from bot.contract.common import Message


class PrivacyProblem(StrEnum):
    NOT_ADMIN = "not_admin"
    SYNTAX = "syntax"
    SELF = "self"  # an admin cannot delete themself here (ask another admin)
    NO_ADMINS = "no_admins"  # a deletion request with nobody to send it to
    NOT_DELIVERED = "not_delivered"  # the export could not be posted in the DM


@dataclass(frozen=True)
class DeletionPreview:
    """What `admin slett <@subject>` would delete: rows per kind, and rows of others that lose the name."""

    lang: str
    problem: PrivacyProblem | None = None
    subject: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    named: int = 0


@dataclass(frozen=True)
class DeletionDone:
    lang: str
    problem: PrivacyProblem | None = None
    subject: str | None = None
    rows: int = 0


@dataclass(frozen=True)
class AuditLine:
    actor: str | None
    action: str
    subject: str | None
    at: datetime


@dataclass(frozen=True)
class AuditView:
    lang: str
    problem: PrivacyProblem | None = None
    entries: tuple[AuditLine, ...] = ()
    zone: str = "Europe/Oslo"  # the reader's, for the times shown


@dataclass(frozen=True)
class ExportResult:
    """`mine-data` or `admin eksport`: the export went to `recipient`'s DM as a summary and a JSON file."""

    lang: str
    problem: PrivacyProblem | None = None
    subject: str | None = None
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class DeletionRequestResult:
    lang: str
    problem: PrivacyProblem | None = None
    admins: int = 0


@dataclass(frozen=True)
class RetentionForm:
    """The retention part of the settings modal (admins only)."""

    months: int
    outbox_days: int


@dataclass(frozen=True, kw_only=True)
class DataExport(Message):
    """The DM with an export: a readable summary (counts per part) before the JSON file. `subject` is whom it is
    about; `for_admin` when an admin asked for it (an innsynsbegjæring)."""

    subject: str
    counts: dict[str, int]
    for_admin: bool = False
