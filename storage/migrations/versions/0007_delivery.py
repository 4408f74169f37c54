"""Delivery: the outbox remembers since when a row keeps failing and its unknown outcomes; replayed requests.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.types import UTCDateTime

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("failing_since", UTCDateTime(), nullable=True))
        batch.add_column(sa.Column("unconfirmed", sa.Integer(), nullable=False, server_default="0"))
    op.create_table(
        "seen_request",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_index("ix_seen_request_expires_at", "seen_request", ["expires_at"])


def downgrade() -> None:
    op.drop_index("ix_seen_request_expires_at", table_name="seen_request")
    op.drop_table("seen_request")
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("unconfirmed")
        batch.drop_column("failing_since")
