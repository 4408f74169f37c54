"""Block Kit samples of personvern: the deletion modal, the audit log (full), the export DM, the request modal,
the settings modal with the retention fields, and every reply."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.contract.privacy import (
    AuditLine,
    AuditView,
    DataExport,
    DeletionDone,
    DeletionPreview,
    DeletionRequestResult,
    ExportResult,
    PrivacyProblem,
    RetentionForm,
)
from bot.contract.pulse_admin import SettingsForm
from bot.core.audit import Action
from handlers.blocks.me import build_text_reply
from handlers.blocks.modals import build_info_modal
from handlers.blocks.privacy import (
    KINDS,
    admin_export_reply_text,
    admin_help_text,
    build_audit_log,
    build_data_export,
    build_delete_modal,
    deleted_text,
    deletion_request_blocks,
    export_reply_text,
    problem_text,
    retention_inputs,
)
from handlers.blocks.pulse_admin import build_settings_modal

Sample = tuple[str, Callable[[str], Any]]
AT = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def _delete_modal(lang: str) -> Any:
    counts = {kind: 1000 + index for index, kind in enumerate(KINDS)}
    return build_delete_modal(DeletionPreview(lang, None, "UOLA", counts, 12345))


def _audit(lang: str) -> Any:
    actions = list(Action)
    entries = tuple(
        AuditLine(
            "UANNE" if i % 3 else None,
            actions[i % len(actions)].value,
            "UOLA" if i % 2 else None,
            AT - timedelta(hours=i),
        )
        for i in range(50)
    )
    return build_audit_log(AuditView(lang, None, entries, "Europe/Oslo"))


def _settings(lang: str) -> Any:
    view = build_settings_modal(SettingsForm(lang, allowed=True))
    blocks = view["blocks"]
    return {**view, "blocks": [*blocks[:-1], *retention_inputs(lang, RetentionForm(120, 365)), blocks[-1]]}


def _reply(text: Callable[[str], str]) -> Sample:
    return ("message", lambda lang: build_text_reply(text(lang)))


PRIVACY_SAMPLES: dict[str, Sample] = {
    "privacy_delete_modal": ("modal", _delete_modal),
    "privacy_delete_modal_empty": ("modal", lambda lang: build_delete_modal(DeletionPreview(lang, None, "UOLA"))),
    "privacy_audit_log": ("message", _audit),
    "privacy_audit_log_empty": ("message", lambda lang: build_audit_log(AuditView(lang))),
    "privacy_export_dm": (
        "message",
        lambda lang: build_data_export(DataExport(lang=lang, subject="UOLA", counts={"tiltak": 3}))[1],
    ),
    "privacy_export_dm_admin": (
        "message",
        lambda lang: build_data_export(DataExport(lang=lang, subject="UOLA", counts={}, for_admin=True))[1],
    ),
    "privacy_settings_with_retention": ("modal", _settings),
    "privacy_request_sent": (
        "modal",
        lambda lang: build_info_modal(lang, deletion_request_blocks(DeletionRequestResult(lang, None, 3))),
    ),
    "privacy_request_no_admins": (
        "modal",
        lambda lang: build_info_modal(
            lang, deletion_request_blocks(DeletionRequestResult(lang, PrivacyProblem.NO_ADMINS))
        ),
    ),
    "privacy_deleted": _reply(lambda lang: deleted_text(DeletionDone(lang, None, "UOLA", 42))),
    "privacy_export_sent": _reply(lambda lang: export_reply_text(ExportResult(lang))),
    "privacy_admin_export_sent": _reply(lambda lang: admin_export_reply_text(ExportResult(lang, None, "UOLA"))),
    "privacy_admin_help": _reply(lambda lang: admin_help_text(lang, True)),
    **{
        f"privacy_problem_{problem.value}": _reply((lambda p: lambda lang: problem_text(lang, p))(problem))
        for problem in PrivacyProblem
    },
    "privacy_syntax_export": _reply(lambda lang: problem_text(lang, PrivacyProblem.SYNTAX, verb="export")),
}
