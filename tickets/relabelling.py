"""What an agent's label correction moves besides the labels, while the ticket is open.

A ticket was routed and timed on the model's suggestion. When an agent corrects it (quality to
billing, P2 to P0), the routing rules run again on the corrected labels: the department and
assignee group follow, the new decision is recorded, roles it names that were not yet told
about the ticket are notified (the director for a P0), a rule's priority floor applies unless
the agent set the priority, and the deadlines follow the ticket's priority from the time it
was received, plus the time it waited for the customer (a category confirmed as one without
deadlines, such as non_complaint, has none). A holder of another group who has not
started on it gives it back, and a waiting ticket goes to an agent of its group. A resolved or
closed ticket keeps all this: its correction is training data only.
"""

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from tickets import assignment, lifecycle, notifications
from tickets.routing import Complaint, Decision, with_floor
from tickets.tables import Agent, Notification, RoutingDecision, Ticket

if TYPE_CHECKING:  # creation imports the store, which calls this module
    from tickets.creation import Intake


def follow_labels(
    session: Session,
    ticket: Ticket,
    intake: "Intake",
    other_tickets: Callable[[int], int],
    actor: str,
    now: datetime,
) -> None:
    """Route and time an open ticket again on its corrected labels. Nothing is flushed before
    the change commits: each flush of the ticket would count as a version of its own."""
    if ticket.status not in lifecycle.OPEN_STATUSES:
        return
    category, priority = routed_labels(ticket)
    complaint = Complaint(
        category=category,
        priority=priority,
        channel=ticket.channel,
        text=ticket.text,
        product=ticket.product,
        amount=ticket.amount,
        customer_tier=ticket.customer_tier,
        recent_tickets=other_tickets,
    )
    with session.no_autoflush:
        decision = intake.rules.route(complaint)
        _record(session, ticket, decision, actor, now)
        _notify_new_roles(session, ticket, decision, intake, now)
        ticket.department, ticket.assignee_group = decision.department, decision.assignee_group
        _raise_to_floor(ticket, decision, intake)
        _retime(ticket, ticket.priority or priority, intake)
        _follow_group(session, ticket, now)


def routed_labels(ticket: Ticket) -> tuple[str, str]:
    """The category and priority a ticket is routed on: its labels, else the suggestion's."""
    return (
        ticket.category or ticket.suggested_category or "",
        ticket.priority or ticket.suggested_priority or "",
    )


def _record(
    session: Session, ticket: Ticket, decision: Decision, actor: str, now: datetime
) -> None:
    """A routing decision row when the corrected labels route differently."""
    last = session.scalars(
        select(RoutingDecision)
        .where(RoutingDecision.ticket_id == ticket.id)
        .order_by(RoutingDecision.id.desc())
        .limit(1)
    ).first()
    if last is not None and (last.rule_id, last.actions) == (decision.rule_id, decision.actions()):
        return
    session.add(
        RoutingDecision(
            ticket_id=ticket.id,
            rule_id=decision.rule_id,
            reason=f"labels corrected by {actor}: {decision.reason}",
            actions=decision.actions(),
            created_at=now,
        )
    )


def _notify_new_roles(
    session: Session, ticket: Ticket, decision: Decision, intake: "Intake", now: datetime
) -> None:
    told = set(
        session.scalars(select(Notification.recipient).where(Notification.ticket_id == ticket.id))
    )
    recipients = [
        role
        for role in notifications.routing_recipients(decision, intake.taxonomy)
        if role not in told
    ]
    reason = f"{decision.rule_id}: {decision.reason} (labels corrected)"[:300]
    notifications.queue(session, ticket.id, recipients, reason, now)


def _raise_to_floor(ticket: Ticket, decision: Decision, intake: "Intake") -> None:
    """A rule's priority floor, as at intake, unless an agent set the priority."""
    current = ticket.priority or ticket.suggested_priority
    if current is None or ticket.priority_source == "agent":
        return
    raised = with_floor(current, decision.priority_floor, intake.taxonomy)
    if raised != current:
        ticket.priority, ticket.priority_source = raised, "rule"


def _retime(ticket: Ticket, priority: str, intake: "Intake") -> None:
    """Deadlines of the corrected labels; a moved deadline is watched afresh by the sweep."""
    if priority not in intake.taxonomy.priority_codes:
        return
    first, resolution = intake.due_times(ticket.received_at, ticket.category, priority)
    paused = ticket.paused_seconds
    first = first and first + timedelta(seconds=paused)
    resolution = resolution and resolution + timedelta(seconds=paused)
    before = (ticket.first_response_due, ticket.resolution_due)
    if ticket.first_responded_at is None:
        ticket.first_response_due = first
    ticket.resolution_due = resolution
    if (ticket.first_response_due, ticket.resolution_due) != before:
        ticket.sla_warning = 0


def _follow_group(session: Session, ticket: Ticket, now: datetime) -> None:
    """A holder of another group who has not started gives the ticket back; a ticket nobody
    holds goes to the group's next agent."""
    if ticket.assignee_id is not None and ticket.status == lifecycle.ASSIGNED:
        holder = session.get(Agent, ticket.assignee_id)
        if holder is not None and holder.group != ticket.assignee_group:
            ticket.assignee_id, ticket.status = None, lifecycle.TRIAGED
    if ticket.assignee_id is None and ticket.status == lifecycle.TRIAGED:
        agent_id = assignment.pick_agent(session, ticket.assignee_group or "")
        if agent_id is not None:
            assignment.give(session, ticket, agent_id, now)
