"""Speed: indexes that match the reminder planner, `liste` and expired claims; the planners' watermarks.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.types import UTCDateTime

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_tiltak_status_due", "tiltak", ["status", "due_date"])
    op.create_index("ix_tiltak_status_from", "tiltak", ["status", "reminders_from"])
    op.create_index("ix_tiltak_owner_open", "tiltak", ["team_id", "owner_id", "status", "due_date"])
    op.create_index("ix_tiltak_counterpart_open", "tiltak", ["team_id", "counterpart_id", "status", "due_date"])
    op.create_index("ix_outbox_lease", "outbox", ["status", "lease_until"])
    op.create_table(
        "planner_mark",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("planned_up_to", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )


def downgrade() -> None:
    op.drop_table("planner_mark")
    op.drop_index("ix_outbox_lease", table_name="outbox")
    op.drop_index("ix_tiltak_counterpart_open", table_name="tiltak")
    op.drop_index("ix_tiltak_owner_open", table_name="tiltak")
    op.drop_index("ix_tiltak_status_from", table_name="tiltak")
    op.drop_index("ix_tiltak_status_due", table_name="tiltak")
