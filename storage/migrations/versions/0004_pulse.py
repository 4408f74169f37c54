"""Pulse: rounds, per-team tallies (no row per answer), participation markers.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.types import UTCDateTime

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "pulse_round",
        sa.Column("id", sa.String(length=32), primary_key=True),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("round_day", sa.Date(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("at_minutes", sa.Integer(), nullable=False),
        sa.Column("questions", sa.JSON(), nullable=False),
        sa.Column("k", sa.Integer(), nullable=False),
        sa.Column("closes_at", UTCDateTime(), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.UniqueConstraint("team_id", "round_day", name="uq_pulse_round_day"),
    )
    op.create_index("ix_pulse_round_due", "pulse_round", ["status", "closes_at"])
    op.create_table(
        "pulse_tally",
        sa.Column("id", sa.String(length=32), primary_key=True),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("round_id", sa.String(length=32), sa.ForeignKey("pulse_round.id"), nullable=False),
        sa.Column("group_key", sa.String(length=32), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("invited", sa.Integer(), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("comments", sa.JSON(), nullable=False),
        sa.Column("shown", sa.Boolean(), nullable=True),
        sa.UniqueConstraint("round_id", "group_key", name="uq_pulse_tally_group"),
    )
    for table in ("pulse_invited", "pulse_awaiting"):
        columns = [
            sa.Column("round_id", sa.String(length=32), sa.ForeignKey("pulse_round.id"), primary_key=True),
            sa.Column("token", sa.String(length=64), primary_key=True),
            sa.Column("team_id", sa.String(length=32), nullable=False),
        ]
        if table == "pulse_invited":
            columns.append(sa.Column("remind", sa.Boolean(), nullable=False))
        op.create_table(table, *columns)


def downgrade() -> None:
    op.drop_table("pulse_awaiting")
    op.drop_table("pulse_invited")
    op.drop_table("pulse_tally")
    op.drop_index("ix_pulse_round_due", table_name="pulse_round")
    op.drop_table("pulse_round")
