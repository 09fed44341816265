"""Figures for the desk: counts by category, priority, status and department; overdue tickets;
mean first-response and resolution times."""

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select

from tickets.db import Database
from tickets.store import overdue
from tickets.tables import Ticket


def _seconds(start: Any, end: Any) -> list[float]:
    return [(b - a).total_seconds() for a, b in zip(start, end, strict=True) if a and b]


def desk_stats(db: Database, now: datetime | None = None) -> dict[str, Any]:
    now = now or datetime.now(UTC)
    counts: dict[str, dict[str, int]] = {}
    with db.session() as session:
        for name, column in (
            ("by_category", func.coalesce(Ticket.category, Ticket.suggested_category)),
            ("by_priority", func.coalesce(Ticket.priority, Ticket.suggested_priority)),
            ("by_status", Ticket.status),
            ("by_department", Ticket.department),
        ):
            rows = session.execute(select(column, func.count()).group_by(column))
            counts[name] = {str(key): int(count) for key, count in rows}
        late = session.scalar(select(func.count()).where(overdue(now)))
        times = session.execute(
            select(Ticket.received_at, Ticket.first_responded_at, Ticket.resolved_at)
        ).all()
    received = [t.received_at for t in times]
    first = _seconds(received, [t.first_responded_at for t in times])
    resolved = _seconds(received, [t.resolved_at for t in times])
    return {
        **counts,
        "total": sum(counts["by_status"].values()),
        "overdue": int(late or 0),
        "mean_first_response_seconds": sum(first) / len(first) if first else None,
        "mean_resolution_seconds": sum(resolved) / len(resolved) if resolved else None,
    }
