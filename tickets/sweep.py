"""The SLA sweep: warnings at 50 % and 80 % of the time used, escalation at the deadline
(which queues a notification to the next level).

The active deadline is the first-response one until the first response, then the resolution
one. Each ticket remembers the highest mark it reached (`sla_warning`: 0, 50, 80 or 100) for
its active deadline, so running the sweep twice changes nothing the second time.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import select

from tickets import audit, lifecycle, notifications
from tickets.db import Database
from tickets.tables import Ticket
from tickets.taxonomy import Taxonomy

ESCALATED = 100


@dataclass
class SweepReport:
    warned: list[tuple[str, int]] = field(default_factory=list)  # (number, percent)
    escalated: list[tuple[str, int, str]] = field(default_factory=list)  # (number, level, who)


def _fraction_used(ticket: Ticket, due: datetime, now: datetime) -> float:
    paused = ticket.paused_seconds
    total = (due - ticket.received_at).total_seconds() - paused
    used = (now - ticket.received_at).total_seconds() - paused
    return used / total if total > 0 else 1.0


def sweep(db: Database, taxonomy: Taxonomy, now: datetime | None = None) -> SweepReport:
    now = now or datetime.now(UTC)
    marks = sorted(round(100 * f) for f in taxonomy.escalation.get("warn_at", [0.5, 0.8]))
    levels = list(taxonomy.escalation.get("levels", ["客服主管"]))
    report = SweepReport()
    with db.session() as session, session.begin():
        running = session.scalars(
            select(Ticket).where(
                Ticket.status.in_(lifecycle.OPEN_STATUSES),
                Ticket.status != lifecycle.AWAITING_CUSTOMER,  # the clock is paused
            )
        )
        for ticket in running:
            due = ticket.resolution_due if ticket.first_responded_at else ticket.first_response_due
            if due is None:
                continue
            used = 100 * _fraction_used(ticket, due, now)
            reached = ESCALATED if used >= 100 else max([m for m in marks if used >= m] or [0])
            if reached <= ticket.sla_warning:
                continue
            before = _marks(ticket)
            ticket.sla_warning = reached
            if reached == ESCALATED:
                ticket.escalation_level += 1
                notify = levels[min(ticket.escalation_level, len(levels)) - 1]
                report.escalated.append((ticket.number or "", ticket.escalation_level, notify))
                after = {**_marks(ticket), "notify": notify}
                reason = f"超过期限未处理，升级到第 {ticket.escalation_level} 级"
                notifications.queue(session, ticket.id, [notify], reason, now)
                audit.record(session, ticket.id, "sla-sweep", "sla_escalated", now, before, after)
            else:
                report.warned.append((ticket.number or "", reached))
                audit.record(
                    session, ticket.id, "sla-sweep", "sla_warning", now, before, _marks(ticket)
                )
    return report


def _marks(ticket: Ticket) -> dict[str, int]:
    return {"sla_warning": ticket.sla_warning, "escalation_level": ticket.escalation_level}
