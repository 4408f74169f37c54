"""Digest channels and shared team updates.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.types import UTCDateTime

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "digest_channel",
        sa.Column("team_id", sa.String(length=32), primary_key=True),
        sa.Column("manager_id", sa.String(length=32), primary_key=True),
        sa.Column("channel_id", sa.String(length=32), nullable=False),
        sa.Column("set_by", sa.String(length=32), nullable=False),
        sa.Column("set_at", UTCDateTime(), nullable=False),
        sa.Column("blocked_since", UTCDateTime(), nullable=True),
    )
    op.create_table(
        "team_update",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("manager_id", sa.String(length=32), nullable=False),
        sa.Column("text", sa.String(length=3000), nullable=False),
        sa.Column("recipients", sa.Integer(), nullable=False),
        sa.Column("shared_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_team_update_manager_id", "team_update", ["manager_id"])


def downgrade() -> None:
    op.drop_table("team_update")
    op.drop_table("digest_channel")
