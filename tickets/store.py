"""Ticket repository: creating, reading, changing tickets, each change with its audit event.

Every function takes a `Database` and runs one transaction. Creation is idempotent on the
client's key (or the message's external key): a key seen before returns the ticket it made,
also when two requests race (the unique index decides, the loser reads the winner's ticket).
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from models.redact import mask_sensitive_numbers
from tickets import assignment, audit, lifecycle
from tickets.db import Database
from tickets.errors import TousuError
from tickets.intake_policy import AUTO, REVIEW, HeadDecision
from tickets.routing import Complaint, Decision, RoutingRules
from tickets.sla import BusinessHours, due_times
from tickets.tables import Agent, AuditEvent, Correction, Message, RoutingDecision, Ticket
from tickets.taxonomy import Taxonomy


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


@dataclass(frozen=True)
class Suggestion:
    category: HeadDecision
    priority: HeadDecision
    model_version: str


@dataclass(frozen=True)
class Intake:
    """What creating a ticket needs besides the ticket."""

    rules: RoutingRules
    taxonomy: Taxonomy
    business: BusinessHours


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


def _by_key(session: Session, key: str) -> Ticket | None:
    return session.scalars(select(Ticket).where(Ticket.idempotency_key == key)).first()


def recent_ticket_counter(session: Session, customer: Customer, now: datetime) -> Any:
    """How many tickets the same customer (phone, e-mail or account) opened in N days."""
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
        return int(session.scalar(query) or 0)

    return count


def _raise_priority(priority: str, floor: str | None, taxonomy: Taxonomy) -> str:
    order = taxonomy.priority_codes  # most urgent first
    if floor is None or order.index(floor) >= order.index(priority):
        return priority
    return floor


def create_ticket(
    db: Database, new: NewTicket, suggestion: Suggestion, intake: Intake, actor: str
) -> tuple[Ticket, bool]:
    """The ticket for `new`, and whether it was created now (False: the key was seen)."""
    key = new.idempotency_key or new.message_key or f"auto:{uuid.uuid4()}"
    with db.session() as session:
        existing = _by_key(session, key)
        if existing is not None:
            return existing, False
    try:
        return _insert(db, key, new, suggestion, intake, actor), True
    except IntegrityError:
        # a concurrent request with the same key won the race: answer with its ticket
        with db.session() as session:
            winner = _by_key(session, key)
        if winner is None:
            raise
        return winner, False


def _insert(
    db: Database, key: str, new: NewTicket, suggestion: Suggestion, intake: Intake, actor: str
) -> Ticket:
    now = _now()
    received = new.received_at or now
    category, priority = suggestion.category, suggestion.priority
    with db.session() as session, session.begin():
        decision = intake.rules.route(
            Complaint(
                category=category.label,
                priority=priority.label,
                channel=new.channel,
                text=new.text,
                product=new.product,
                amount=new.amount,
                customer_tier=new.customer.tier,
                recent_tickets=recent_ticket_counter(session, new.customer, now),
            )
        )
        effective_priority = _raise_priority(
            priority.label, decision.priority_floor, intake.taxonomy
        )
        priority_code = {p.code: p for p in intake.taxonomy.priorities}[effective_priority]
        first_due, resolution_due = due_times(received, priority_code, intake.business)
        needs_review = REVIEW in (category.outcome, priority.outcome)
        ticket = Ticket(
            number=None,
            idempotency_key=key,
            channel=new.channel,
            customer_name=new.customer.name,
            customer_phone=new.customer.phone,
            customer_email=new.customer.email,
            customer_account=new.customer.account,
            customer_tier=new.customer.tier,
            product=new.product,
            order_no=new.order_no,
            amount=new.amount,
            customer_asks=list(new.customer_asks),
            subject=mask_sensitive_numbers(new.subject) if new.subject else None,
            text=mask_sensitive_numbers(new.text),
            status=lifecycle.NEEDS_REVIEW if needs_review else lifecycle.TRIAGED,
            department=decision.department,
            assignee_group=decision.assignee_group,
            suggested_category=category.label,
            suggested_category_confidence=category.confidence,
            suggested_priority=priority.label,
            suggested_priority_confidence=priority.confidence,
            model_version=suggestion.model_version,
            category=category.final_label,
            category_source=AUTO if category.outcome == AUTO else None,
            priority=effective_priority if priority.outcome == AUTO else None,
            priority_source=AUTO if priority.outcome == AUTO else None,
            received_at=received,
            first_response_due=first_due,
            resolution_due=resolution_due,
            created_at=now,
            updated_at=now,
        )
        if decision.priority_floor and effective_priority != priority.label:
            ticket.priority, ticket.priority_source = effective_priority, "rule"
        session.add(ticket)
        session.flush()
        ticket.number = f"TS-{received.astimezone(UTC):%Y%m%d}-{ticket.id:06d}"
        session.add(
            Message(
                ticket_id=ticket.id,
                external_key=new.message_key or f"{key}#1",
                direction="inbound",
                channel=new.channel,
                author=new.customer.name,
                text=ticket.text,
                created_at=received,
            )
        )
        _record_routing(session, ticket, decision, now)
        if not needs_review:
            agent = assignment.pick_agent(session, decision.assignee_group)
            if agent is not None:
                assignment.assign(session, ticket, agent, now)
        audit.record(session, ticket.id, actor, "created", now, after=_snapshot(ticket))
    return get_ticket(db, ticket.number)


def _record_routing(session: Session, ticket: Ticket, decision: Decision, now: datetime) -> None:
    session.add(
        RoutingDecision(
            ticket_id=ticket.id,
            rule_id=decision.rule_id,
            reason=decision.reason,
            actions=decision.actions(),
            created_at=now,
        )
    )


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


def _snapshot(ticket: Ticket, names: Sequence[str] = AUDITED) -> dict[str, Any]:
    return {name: getattr(ticket, name) for name in names}


def get_ticket(db: Database, number: str) -> Ticket:
    with db.session() as session:
        ticket = session.scalars(
            select(Ticket).options(selectinload(Ticket.messages)).where(Ticket.number == number)
        ).first()
    if ticket is None:
        raise NotFound(number)
    return ticket


@dataclass(frozen=True)
class TicketFilter:
    status: str | None = None
    department: str | None = None
    priority: str | None = None
    channel: str | None = None
    needs_review: bool | None = None
    overdue: bool | None = None
    search: str | None = None


def _filtered(query: Select[Any], wanted: TicketFilter, now: datetime) -> Select[Any]:
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
        query = query.where(
            Ticket.status.in_(lifecycle.OPEN_STATUSES),
            or_(
                (Ticket.first_responded_at.is_(None)) & (Ticket.first_response_due < now),
                Ticket.resolution_due < now,
            ),
        )
    if wanted.search:
        pattern = f"%{wanted.search}%"
        query = query.where(or_(Ticket.text.like(pattern), Ticket.subject.like(pattern)))
    return query


def list_tickets(
    db: Database, wanted: TicketFilter, limit: int, offset: int
) -> tuple[list[Ticket], int]:
    now = _now()
    with db.session() as session:
        total = session.scalar(_filtered(select(func.count()).select_from(Ticket), wanted, now))
        rows = session.scalars(
            _filtered(select(Ticket), wanted, now)
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


def _change(
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
            before = _snapshot(ticket)
            apply(session, ticket, now)
            ticket.updated_at = now
            audit.record(session, ticket.id, actor, action, now, before, _snapshot(ticket))
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

    return _change(db, number, version, actor, f"status:{status}", apply)


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
    agent = session.get(Agent, freed.assignee_id)
    waiting = assignment.oldest_waiting(session, freed.assignee_group or "")
    if agent is None or agent.away or waiting is None:
        return
    counts = assignment.open_counts(session, agent.group)
    if counts.get(agent.id, 0) < agent.max_open:
        before = _snapshot(waiting)
        assignment.assign(session, waiting, agent, now)
        audit.record(session, waiting.id, "system", "assigned", now, before, _snapshot(waiting))


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
        assignment.assign(session, ticket, agent, now)

    return _change(db, number, version, actor, "assigned", apply)


def satisfaction(
    db: Database, number: str, score: int, comment: str | None, confirmed: bool, actor: str
) -> Ticket:
    def apply(session: Session, ticket: Ticket, now: datetime) -> None:
        ticket.satisfaction_score = score
        ticket.satisfaction_comment = comment
        ticket.customer_confirmed = confirmed

    return _change(db, number, None, actor, "satisfaction", apply)


def correct_labels(
    db: Database,
    number: str,
    actor: str,
    category: str | None,
    priority: str | None,
    taxonomy: Taxonomy,
    version: int | None = None,
) -> Ticket:
    """An agent's labels become final; each change is kept as a correction for retraining."""
    for head, value, allowed in (
        ("category", category, taxonomy.category_codes),
        ("priority", priority, taxonomy.priority_codes),
    ):
        if value is not None and value not in allowed:
            raise TousuError(
                "label-unknown", f"{head} {value!r} does not exist.", f"use {', '.join(allowed)}."
            )

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

    return _change(db, number, version, actor, "labels", apply)


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
        agent = session.scalars(select(Agent).where(Agent.name == name)).one()
        agent.away = away
