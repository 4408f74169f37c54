"""The conversation year: medarbeidersamtaler with preparation and summary, the prøvetid's length and extension,
and the opt-in sick-leave follow-up (cases and milestones).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.types import UTCDateTime

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "annual_talk",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("manager_id", sa.String(length=32), nullable=False),
        sa.Column("employee_id", sa.String(length=32), nullable=False),
        sa.Column("talk_date", sa.Date(), nullable=False),
        sa.Column("prep", sa.JSON(), nullable=False),
        sa.Column("prep_saved_at", UTCDateTime(), nullable=True),
        sa.Column("prep_shared_at", UTCDateTime(), nullable=True),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.Column("manager_confirmed_at", UTCDateTime(), nullable=True),
        sa.Column("employee_confirmed_at", UTCDateTime(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_annual_talk_pair", "annual_talk", ["team_id", "manager_id", "employee_id"])
    op.create_table(
        "sick_leave_case",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("employee_id", sa.String(length=32), nullable=False),
        sa.Column("manager_id", sa.String(length=32), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("graded", sa.Boolean(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("rules_version", sa.String(length=16), nullable=False),
        sa.Column("employee_told", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_sick_leave_case_employee", "sick_leave_case", ["team_id", "employee_id"])
    op.create_index("ix_sick_leave_case_manager_id", "sick_leave_case", ["manager_id"])
    op.create_table(
        "sick_leave_milestone",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("case_id", sa.Integer(), sa.ForeignKey("sick_leave_case.id"), nullable=False),
        sa.Column("milestone", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.String(length=300), nullable=True),
        sa.Column("manager_id", sa.String(length=32), nullable=False),
        sa.Column("decided_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("case_id", "milestone", name="uq_sick_leave_milestone"),
    )
    op.create_index("ix_sick_leave_milestone_case_id", "sick_leave_milestone", ["case_id"])
    with op.batch_alter_table("probation") as batch:
        batch.add_column(sa.Column("months", sa.Integer(), nullable=False, server_default="6"))
        batch.add_column(sa.Column("end_date", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("probation") as batch:
        batch.drop_column("end_date")
        batch.drop_column("months")
    op.drop_index("ix_sick_leave_milestone_case_id", table_name="sick_leave_milestone")
    op.drop_table("sick_leave_milestone")
    op.drop_index("ix_sick_leave_case_manager_id", table_name="sick_leave_case")
    op.drop_index("ix_sick_leave_case_employee", table_name="sick_leave_case")
    op.drop_table("sick_leave_case")
    op.drop_index("ix_annual_talk_pair", table_name="annual_talk")
    op.drop_table("annual_talk")
