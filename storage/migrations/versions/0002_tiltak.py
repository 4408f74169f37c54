"""Tiltak, postponements and per-workspace counters.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.types import UTCDateTime

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "counter",
        sa.Column("team_id", sa.String(length=32), primary_key=True),
        sa.Column("name", sa.String(length=32), primary_key=True),
        sa.Column("value", sa.Integer(), nullable=False),
    )
    op.create_table(
        "tiltak",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(length=3000), nullable=False),
        sa.Column("note", sa.String(length=3000), nullable=True),
        sa.Column("owner_id", sa.String(length=32), nullable=False),
        sa.Column("counterpart_id", sa.String(length=32), nullable=True),
        sa.Column("created_by", sa.String(length=32), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("reminders_from", UTCDateTime(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("closed_at", UTCDateTime(), nullable=True),
        sa.Column("closed_by", sa.String(length=32), nullable=True),
        sa.UniqueConstraint("team_id", "number", name="uq_tiltak_number"),
    )
    op.create_index("ix_tiltak_open_due", "tiltak", ["team_id", "status", "due_date"])
    op.create_index("ix_tiltak_owner_id", "tiltak", ["owner_id"])
    op.create_index("ix_tiltak_counterpart_id", "tiltak", ["counterpart_id"])
    op.create_table(
        "tiltak_postponement",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("tiltak_id", sa.Integer(), sa.ForeignKey("tiltak.id"), nullable=False),
        sa.Column("from_date", sa.Date(), nullable=False),
        sa.Column("to_date", sa.Date(), nullable=False),
        sa.Column("by_user", sa.String(length=32), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_tiltak_postponement_tiltak_id", "tiltak_postponement", ["tiltak_id"])


def downgrade() -> None:
    op.drop_table("tiltak_postponement")
    op.drop_table("tiltak")
    op.drop_table("counter")
