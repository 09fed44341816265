"""The SLA sweep: warnings, escalation at the deadline, paused clock, idempotency."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from tests.tickets.test_store import CONFIDENT, new
from tickets import creation, lifecycle, notifications, store
from tickets.db import Database
from tickets.intake_policy import AUTO, HeadDecision, Suggestion
from tickets.sweep import sweep
from tickets.tables import AuditEvent

URGENT = Suggestion(HeadDecision("quality", 0.9, AUTO), HeadDecision("P0", 1.0, AUTO), "m1")


def test_warnings_then_escalation_and_second_run_changes_nothing(
    database: Database, intake: creation.Intake
) -> None:
    received = datetime(2026, 3, 2, 10, tzinfo=UTC)
    ticket, _ = creation.create_ticket(
        database, new("热水器漏电", received_at=received), URGENT, intake, "a"
    )
    taxonomy = intake.taxonomy
    assert ticket.first_response_due == received + timedelta(hours=2)
    report = sweep(database, taxonomy, received + timedelta(minutes=61))
    assert report.warned == [(ticket.number, 50)] and not report.escalated
    assert sweep(database, taxonomy, received + timedelta(minutes=62)).warned == []
    assert sweep(database, taxonomy, received + timedelta(minutes=100)).warned == [
        (ticket.number, 80)
    ]
    late = received + timedelta(hours=2, minutes=1)
    report = sweep(database, taxonomy, late)
    assert report.escalated == [(ticket.number, 1, "客服主管")]
    again = sweep(database, taxonomy, late)
    assert again.warned == [] and again.escalated == []
    swept = store.get_ticket(database, ticket.number)
    assert (swept.escalation_level, swept.sla_warning) == (1, 100)
    with database.session() as session:
        actions = session.scalars(
            select(AuditEvent.action).where(AuditEvent.ticket_id == ticket.id)
        ).all()
    assert actions.count("sla_escalated") == 1 and actions.count("sla_warning") == 2
    # the director heard of the P0 at intake; the next level hears of the escalation, once
    queued, _ = notifications.listing(database, pending_only=True, limit=10, offset=0)
    assert sorted((n.recipient, n.reason.startswith("p0-director")) for n, _ in queued) == [
        ("客服主管", False),
        ("客服总监", True),
    ]


def test_awaiting_customer_pauses_the_clock(database: Database, intake: creation.Intake) -> None:
    ticket, _ = creation.create_ticket(database, new(), CONFIDENT, intake, "a")
    for status in (lifecycle.ASSIGNED, lifecycle.AWAITING_CUSTOMER):
        ticket = store.change_status(database, ticket.number, status, "agent:li")
    assert sweep(database, intake.taxonomy, ticket.received_at + timedelta(days=30)).warned == []
    resumed = store.change_status(database, ticket.number, lifecycle.IN_PROGRESS, "agent:li")
    assert resumed.resolution_due >= ticket.resolution_due
    assert resumed.paused_seconds >= 0
