"""Teams and the 1:1 rhythm: team members, pairs, meetings, agenda items, probation.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.types import UTCDateTime

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "team_member",
        sa.Column("team_id", sa.String(length=32), primary_key=True),
        sa.Column("employee_id", sa.String(length=32), primary_key=True),
        sa.Column("manager_id", sa.String(length=32), nullable=False),
        sa.Column("added_by", sa.String(length=32), nullable=False),
        sa.Column("added_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_team_member_manager_id", "team_member", ["manager_id"])
    op.create_table(
        "oneonone_pair",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("manager_id", sa.String(length=32), nullable=False),
        sa.Column("employee_id", sa.String(length=32), nullable=False),
        sa.Column("cadence", sa.String(length=16), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=False),
        sa.Column("at_minutes", sa.Integer(), nullable=False),
        sa.Column("zone", sa.String(length=64), nullable=False),
        sa.Column("anchor", sa.Date(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("employee_told", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("stopped_at", UTCDateTime(), nullable=True),
        sa.UniqueConstraint("team_id", "employee_id", name="uq_pair_employee"),
    )
    op.create_index("ix_oneonone_pair_manager_id", "oneonone_pair", ["manager_id"])
    op.create_table(
        "meeting",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("pair_id", sa.Integer(), sa.ForeignKey("oneonone_pair.id"), nullable=False),
        sa.Column("slot", sa.Date(), nullable=False),
        sa.Column("starts_at", UTCDateTime(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("moved_reason", sa.String(length=32), nullable=True),
        sa.Column("held_at", UTCDateTime(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("pair_id", "slot", name="uq_meeting_slot"),
    )
    op.create_index("ix_meeting_pair_id", "meeting", ["pair_id"])
    op.create_index("ix_meeting_start", "meeting", ["status", "starts_at"])
    op.create_table(
        "agenda_item",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("pair_id", sa.Integer(), sa.ForeignKey("oneonone_pair.id"), nullable=False),
        sa.Column("author_id", sa.String(length=32), nullable=False),
        sa.Column("text", sa.String(length=500), nullable=False),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("done_at", UTCDateTime(), nullable=True),
    )
    op.create_index("ix_agenda_item_pair_id", "agenda_item", ["pair_id"])
    op.create_table(
        "probation",
        sa.Column("team_id", sa.String(length=32), primary_key=True),
        sa.Column("employee_id", sa.String(length=32), primary_key=True),
        sa.Column("manager_id", sa.String(length=32), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("probation")
    op.drop_table("agenda_item")
    op.drop_table("meeting")
    op.drop_table("oneonone_pair")
    op.drop_table("team_member")
