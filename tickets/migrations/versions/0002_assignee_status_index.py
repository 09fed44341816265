"""an index on (assignee_id, status) replaces the one on assignee_id

Assignment counts an agent's open tickets for every new ticket; with the pair indexed the
count reads the index alone instead of every ticket the agent ever had.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 09:30:00
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.create_index("ix_ticket_assignee_id_status", ["assignee_id", "status"])
        batch_op.drop_index(batch_op.f("ix_ticket_assignee_id"))


def downgrade() -> None:
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ticket_assignee_id"), ["assignee_id"], unique=False)
        batch_op.drop_index("ix_ticket_assignee_id_status")
