"""Ticket repository: reading and changing tickets, each change with its audit event.

Every function takes a `Database` and runs one transaction; a change checks the ticket's
version, so two agents never overwrite each other silently. Creation is in `tickets.creation`.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Connection, Select, and_, func, or_, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from tickets import assignment, audit, lifecycle, relabelling
from tickets.db import Database
from tickets.errors import TousuError
from tickets.tables import Agent, AuditEvent, Correction, RoutingDecision, Ticket

if TYPE_CHECKING:  # creation imports the store
    from tickets.creation import Intake


@dataclass(frozen=True)
class Customer:
    name: str | None = None
    phone: str | None = None
    email: str | None = None
    account: str | None = None
    tier: str | None = None


@dataclass(frozen=True)
class NewTicket:
    channel: str
    text: str
    subject: str | None = None
    customer: Customer = field(default_factory=Customer)
    product: str | None = None
    order_no: str | None = None
    amount: float | None = None
    customer_asks: list[str] = field(default_factory=list)
    idempotency_key: str | None = None
    message_key: str | None = None
    received_at: datetime | None = None
    related_number: str | None = None  # a ticket this one quotes but does not join


class NotFound(TousuError):
    def __init__(self, number: str) -> None:
        super().__init__(
            "ticket-not-found", f"there is no ticket {number}.", "check the tracking number."
        )


class VersionConflict(TousuError):
    def __init__(self, ticket: Ticket) -> None:
        super().__init__(
            "version-conflict",
            f"ticket {ticket.number} changed since version you sent; it is now at version "
            f"{ticket.version}.",
            "reload the ticket, reapply your change and send the current version.",
        )
        self.ticket = ticket


def _now() -> datetime:
    return datetime.now(UTC)


def recent_ticket_counter(
    db: Session | Connection, customer: Customer, now: datetime, excluding: int | None = None
) -> Callable[[int], int]:
    """How many tickets the same customer (phone, e-mail or account) opened in N days, other
    than the ticket `excluding`."""
    contacts = [
        column == value
        for column, value in (
            (Ticket.customer_phone, customer.phone),
            (Ticket.customer_email, customer.email),
            (Ticket.customer_account, customer.account),
        )
        if value
    ]

    def count(days: int) -> int:
        if not contacts:
            return 0
        since = now - timedelta(days=days)
        query = select(func.count()).where(or_(*contacts), Ticket.received_at >= since)
        if excluding is not None:
            query = query.where(Ticket.id != excluding)
        return int(db.scalar(query) or 0)

    return count


def get_ticket(db: Database, number: str) -> Ticket:
    with db.session() as session:
        ticket = session.scalars(
            select(Ticket).options(selectinload(Ticket.messages)).where(Ticket.number == number)
        ).first()
    if ticket is None:
        raise NotFound(number)
    return ticket


def open_ticket_of(db: Database, channel: str, account: str) -> Ticket | None:
    """The newest ticket of this customer account on this channel that is still open."""
    with db.session() as session:
        return session.scalars(
            select(Ticket)
            .where(
                Ticket.channel == channel,
                Ticket.customer_account == account,
                Ticket.status.in_(lifecycle.OPEN_STATUSES),
            )
            .order_by(Ticket.received_at.desc(), Ticket.id.desc())
            .limit(1)
        ).first()


@dataclass(frozen=True)
class TicketFilter:
    status: str | None = None
    department: str | None = None
    priority: str | None = None
    channel: str | None = None
    needs_review: bool | None = None
    overdue: bool | None = None
    search: str | None = None
    received_from: datetime | None = None
    received_before: datetime | None = None


def overdue(now: datetime) -> ColumnElement[bool]:
    """Open tickets past their first-response deadline (not yet answered) or resolution one."""
    return and_(
        Ticket.status.in_(lifecycle.OPEN_STATUSES),
        or_(
            Ticket.first_responded_at.is_(None) & (Ticket.first_response_due < now),
            Ticket.resolution_due < now,
        ),
    )


def filtered(query: Select[Any], wanted: TicketFilter, now: datetime) -> Select[Any]:
    for column, value in (
        (Ticket.status, wanted.status),
        (Ticket.department, wanted.department),
        (Ticket.channel, wanted.channel),
        (func.coalesce(Ticket.priority, Ticket.suggested_priority), wanted.priority),
    ):
        if value is not None:
            query = query.where(column == value)
    if wanted.needs_review is not None:
        review = Ticket.status == lifecycle.NEEDS_REVIEW
        query = query.where(review if wanted.needs_review else ~review)
    if wanted.overdue:
        query = query.where(overdue(now))
    if wanted.search:
        pattern = f"%{wanted.search}%"
        query = query.where(or_(Ticket.text.like(pattern), Ticket.subject.like(pattern)))
    if wanted.received_from is not None:
        query = query.where(Ticket.received_at >= wanted.received_from)
    if wanted.received_before is not None:
        query = query.where(Ticket.received_at < wanted.received_before)
    return query


def list_tickets(
    db: Database, wanted: TicketFilter, limit: int, offset: int
) -> tuple[list[Ticket], int]:
    now = _now()
    with db.session() as session:
        total = session.scalar(filtered(select(func.count()).select_from(Ticket), wanted, now))
        rows = session.scalars(
            filtered(select(Ticket), wanted, now)
            .order_by(Ticket.received_at.desc(), Ticket.id.desc())
            .limit(limit)
            .offset(offset)
        ).all()
    return list(rows), int(total or 0)


class _StaleVersion(Exception):
    """The client's version is behind: answered with the fresh ticket once the session is gone."""


def _load_for_change(session: Session, number: str, version: int | None) -> Ticket:
    ticket = session.scalars(select(Ticket).where(Ticket.number == number)).first()
    if ticket is None:
        raise NotFound(number)
    if version is not None and ticket.version != version:
        raise _StaleVersion
    return ticket


def change_ticket(
    db: Database,
    number: str,
    version: int | None,
    actor: str,
    action: str,
    apply: Any,
) -> Ticket:
    """Load, check the version, apply, audit and commit; a racing writer gets a conflict."""
    now = _now()
    try:
        with db.session() as session, session.begin():
            ticket = _load_for_change(session, number, version)
            before = audit.snapshot(ticket)
            apply(session, ticket, now)
            ticket.updated_at = now
            audit.record(session, ticket.id, actor, action, now, before, audit.snapshot(ticket))
    except (StaleDataError, _StaleVersion):
        # another writer got there first (or the client read an old version)
        raise VersionConflict(get_ticket(db, number)) from None
    return get_ticket(db, number)


def change_status(
    db: Database,
    number: str,
    status: str,
    actor: str,
    version: int | None = None,
    silence_days: int = 7,
) -> Ticket:
    def apply(session: Session, ticket: Ticket, now: datetime) -> None:
        lifecycle.check_transition(ticket.status, status)
        if status == lifecycle.CLOSED:
            _check_can_close(ticket, now, silence_days)
            ticket.closed_at = now
        if status == lifecycle.RESOLVED:
            ticket.resolved_at = now
        if status == lifecycle.AWAITING_CUSTOMER:
            ticket.paused_at = now
        elif ticket.paused_at is not None:
            _resume_clock(ticket, now)
        if status in (lifecycle.IN_PROGRESS, lifecycle.RESOLVED) and not ticket.first_responded_at:
            ticket.first_responded_at = now
            ticket.sla_warning = 0  # the sweep now watches the resolution deadline
        ticket.status = status
        if status in (lifecycle.RESOLVED, lifecycle.CLOSED) and ticket.assignee_group:
            _hand_waiting_ticket(session, ticket, now)

    return change_ticket(db, number, version, actor, f"status:{status}", apply)


def _resume_clock(ticket: Ticket, now: datetime) -> None:
    """Time spent awaiting the customer moves every deadline later."""
    assert ticket.paused_at is not None
    paused = now - ticket.paused_at
    ticket.paused_seconds += paused.total_seconds()
    ticket.paused_at = None
    if ticket.first_response_due and not ticket.first_responded_at:
        ticket.first_response_due += paused
    if ticket.resolution_due:
        ticket.resolution_due += paused


def _check_can_close(ticket: Ticket, now: datetime, silence_days: int) -> None:
    silent = ticket.resolved_at is not None and now - ticket.resolved_at >= timedelta(
        days=silence_days
    )
    if not (ticket.customer_confirmed or silent):
        raise TousuError(
            "close-too-early",
            f"ticket {ticket.number} has no confirmation from the customer and was resolved "
            f"less than {silence_days} days ago.",
            "record the customer's confirmation (POST .../satisfaction) or wait for the silence "
            "period to pass.",
        )


def _hand_waiting_ticket(session: Session, freed: Ticket, now: datetime) -> None:
    """When an agent frees up, the oldest unassigned ticket of the group goes to them."""
    if freed.assignee_id is None:
        return
    session.flush()
    waiting = assignment.oldest_waiting(session, freed.assignee_group or "")
    if waiting is None:
        return
    agent = session.get(Agent, freed.assignee_id)
    open_now = assignment.open_count(session, freed.assignee_id)
    if agent is not None and not agent.away and open_now < agent.max_open:
        before = audit.snapshot(waiting)
        assignment.give(session, waiting, agent.id, now)
        audit.record(
            session, waiting.id, "system", "assigned", now, before, audit.snapshot(waiting)
        )


def assign_to(
    db: Database, number: str, agent_name: str, actor: str, version: int | None = None
) -> Ticket:
    def apply(session: Session, ticket: Ticket, now: datetime) -> None:
        agent = session.scalars(select(Agent).where(Agent.name == agent_name)).first()
        if agent is None:
            raise TousuError(
                "agent-unknown", f"there is no agent {agent_name!r}.", "create the agent first."
            )
        if ticket.status != lifecycle.ASSIGNED:
            lifecycle.check_transition(ticket.status, lifecycle.ASSIGNED)
        assignment.give(session, ticket, agent.id, now)

    return change_ticket(db, number, version, actor, "assigned", apply)


def satisfaction(
    db: Database, number: str, score: int, comment: str | None, confirmed: bool, actor: str
) -> Ticket:
    def apply(session: Session, ticket: Ticket, now: datetime) -> None:
        ticket.satisfaction_score = score
        ticket.satisfaction_comment = comment
        ticket.customer_confirmed = confirmed

    return change_ticket(db, number, None, actor, "satisfaction", apply)


def correct_labels(
    db: Database,
    number: str,
    actor: str,
    category: str | None,
    priority: str | None,
    intake: "Intake",
    version: int | None = None,
) -> Ticket:
    """An agent's labels become final; each change is kept as a correction for retraining,
    and an open ticket is routed and timed again on them (`tickets.relabelling`)."""
    intake.taxonomy.check_labels(category, priority)

    def apply(session: Session, ticket: Ticket, now: datetime) -> None:
        for head, value in (("category", category), ("priority", priority)):
            if value is None:
                continue
            old = getattr(ticket, head) or getattr(ticket, f"suggested_{head}")
            session.add(
                Correction(
                    ticket_id=ticket.id,
                    head=head,
                    old_label=old,
                    new_label=value,
                    actor=actor,
                    model_version=ticket.model_version,
                    created_at=now,
                )
            )
            setattr(ticket, head, value)
            setattr(ticket, f"{head}_source", "agent")
        if ticket.status == lifecycle.NEEDS_REVIEW and ticket.category and ticket.priority:
            ticket.status = lifecycle.TRIAGED
        follow_labels(session, ticket, intake, actor, now)

    return change_ticket(db, number, version, actor, "labels", apply)


def follow_labels(
    session: Session, ticket: Ticket, intake: "Intake", actor: str, now: datetime
) -> None:
    """Route and time an open ticket again on its labels (`tickets.relabelling`), a rule on
    repeat complainants counting the customer's other tickets."""
    customer = Customer(
        phone=ticket.customer_phone, email=ticket.customer_email, account=ticket.customer_account
    )
    others = recent_ticket_counter(session, customer, now, excluding=ticket.id)
    relabelling.follow_labels(session, ticket, intake, others, actor, now)


def history(db: Database, ticket_id: int) -> list[AuditEvent]:
    with db.session() as session:
        return list(
            session.scalars(
                select(AuditEvent).where(AuditEvent.ticket_id == ticket_id).order_by(AuditEvent.id)
            )
        )


def routing_of(db: Database, ticket_id: int) -> RoutingDecision | None:
    with db.session() as session:
        return session.scalars(
            select(RoutingDecision)
            .where(RoutingDecision.ticket_id == ticket_id)
            .order_by(RoutingDecision.id.desc())
        ).first()


def add_agent(db: Database, name: str, group: str, max_open: int = 20) -> Agent:
    with db.session() as session, session.begin():
        if session.scalars(select(Agent).where(Agent.name == name)).first():
            raise TousuError(
                "agent-exists", f"there is already an agent {name!r}.", "choose another name."
            )
        agent = Agent(name=name, group=group, max_open=max_open)
        session.add(agent)
    return agent


def set_away(db: Database, name: str, away: bool) -> None:
    with db.session() as session, session.begin():
        agent = session.scalars(select(Agent).where(Agent.name == name)).first()
        if agent is None:
            raise TousuError(
                "agent-unknown", f"there is no agent {name!r}.", "add it with `tousu agent add`."
            )
        agent.away = away
