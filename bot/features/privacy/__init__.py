"""Personvern (issue 13): retention (`retention`), offboarding (`offboarding`), a workspace's delivery state
(`workspace`), deletion on request (`deletion`), export (`export`) and the audit log (`admin`). What can hold a
user id, and how it is erased, is `storage.person_data`."""

from bot.features.privacy.admin import AuditLog
from bot.features.privacy.deletion import DeletionService
from bot.features.privacy.export import ExportService
from bot.features.privacy.offboarding import Offboarding, offboard
from bot.features.privacy.retention import RetentionService
from bot.features.privacy.workspace import WorkspaceDelivery

__all__ = [
    "AuditLog",
    "DeletionService",
    "ExportService",
    "Offboarding",
    "RetentionService",
    "WorkspaceDelivery",
    "offboard",
]
