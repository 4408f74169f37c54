"""Consent: manager requests; a 1:1 pair per manager and employee; the team a pulse marker counts in.

Revision ID: 0008
Revises: 0006
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.types import UTCDateTime

revision: str = "0008"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "manager_request",
        sa.Column("id", sa.String(length=32), primary_key=True),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("requester_id", sa.String(length=32), nullable=False),
        sa.Column("employee_id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("decided_at", UTCDateTime(), nullable=True),
    )
    op.create_index("ix_manager_request_pair", "manager_request", ["team_id", "employee_id", "requester_id", "status"])
    with op.batch_alter_table("oneonone_pair") as batch:
        batch.drop_constraint("uq_pair_employee", type_="unique")
        batch.create_unique_constraint("uq_pair_manager_employee", ["team_id", "manager_id", "employee_id"])
    with op.batch_alter_table("pulse_invited") as batch:
        batch.add_column(sa.Column("group_key", sa.String(length=32), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("pulse_invited") as batch:
        batch.drop_column("group_key")
    with op.batch_alter_table("oneonone_pair") as batch:
        batch.drop_constraint("uq_pair_manager_employee", type_="unique")
        batch.create_unique_constraint("uq_pair_employee", ["team_id", "employee_id"])
    op.drop_index("ix_manager_request_pair", table_name="manager_request")
    op.drop_table("manager_request")
