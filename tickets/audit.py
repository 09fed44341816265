"""Audit events: who did what to which ticket, with the fields before and after."""

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from tickets.db import Database
from tickets.tables import AuditEvent, Ticket


def record(
    session: Session,
    ticket_id: int | None,
    actor: str,
    action: str,
    now: datetime,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    session.add(
        AuditEvent(
            ticket_id=ticket_id,
            actor=actor,
            action=action,
            before=plain(before),
            after=plain(after),
            created_at=now,
        )
    )


# the ticket fields whose before and after an audit event keeps
AUDITED = (
    "status",
    "department",
    "assignee_id",
    "category",
    "priority",
    "escalation_level",
    "sla_warning",
    "satisfaction_score",
)


def snapshot(ticket: Ticket, names: Sequence[str] = AUDITED) -> dict[str, Any]:
    """The ticket's values of these fields, for an event's before or after."""
    return {name: getattr(ticket, name) for name in names}


def plain(values: dict[str, Any] | None) -> dict[str, Any] | None:
    """JSON-safe copy (datetimes and decimals as text)."""
    if values is None:
        return None
    return {
        key: value
        if value is None or isinstance(value, bool | int | float | str | list)
        else str(value)
        for key, value in values.items()
    }


def record_standalone(db: Database, actor: str, action: str, after: dict[str, Any]) -> None:
    """An audit event of its own (not part of a ticket change)."""
    with db.session() as session, session.begin():
        record(session, None, actor, action, datetime.now(UTC), after=after)
