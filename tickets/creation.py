"""Creating a ticket: route, set deadlines, store ticket, first message, routing decision and
audit event in one transaction, and assign it.

Idempotent on the client's key (or the message's external key): a key seen before returns the
ticket it made, also when two requests race (the unique index decides, the loser reads the
winner's ticket). Written with SQLAlchemy Core on one connection, because intake is the hot
path: the ORM's unit of work cost several times more per ticket.
"""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, bindparam, select
from sqlalchemy.exc import IntegrityError

from models.redact import redact
from tickets import assignment, lifecycle
from tickets.audit import AUDITED, plain
from tickets.db import Database
from tickets.intake_policy import AUTO, REVIEW, Suggestion
from tickets.paths import get_path_settings
from tickets.routing import Complaint, RoutingRules, load_rules
from tickets.sla import BusinessHours, due_times
from tickets.store import NewTicket, get_ticket, recent_ticket_counter
from tickets.tables import Base, Message, Ticket
from tickets.taxonomy import Taxonomy, load_taxonomy


@dataclass(frozen=True)
class Intake:
    """What creating a ticket needs besides the ticket."""

    rules: RoutingRules
    taxonomy: Taxonomy
    business: BusinessHours

    @classmethod
    def from_settings(cls) -> "Intake":
        """Taxonomy and routing rules from the data directory, business hours from settings."""
        paths = get_path_settings()
        taxonomy = load_taxonomy(paths.taxonomy_file)
        return cls(load_rules(paths.routing_rules, taxonomy), taxonomy, BusinessHours())


TICKET, MESSAGE = Base.metadata.tables["ticket"], Base.metadata.tables["message"]
ROUTING_DECISION = Base.metadata.tables["routing_decision"]
AUDIT_EVENT = Base.metadata.tables["audit_event"]


def _existing(connection: Connection, key: str) -> str | None:
    return connection.scalar(select(Ticket.number).where(Ticket.idempotency_key == key))


def create_ticket(
    db: Database, new: NewTicket, suggestion: Suggestion, intake: Intake, actor: str
) -> tuple[Ticket, bool]:
    """The ticket for `new`, and whether it was created now (False: the key was seen)."""
    key = new.idempotency_key or new.message_key or f"auto:{uuid.uuid4()}"
    try:
        with db.engine.begin() as connection:
            number = _existing(connection, key)
            if number is None:
                return _insert(connection, key, new, suggestion, intake, actor), True
    except IntegrityError:
        # a concurrent request with the same key won the race: answer with its ticket
        with db.engine.connect() as connection:
            number = _existing(connection, key)
        if number is None:
            raise
    return get_ticket(db, number), False


def _raise_priority(priority: str, floor: str | None, taxonomy: Taxonomy) -> str:
    order = taxonomy.priority_codes  # most urgent first
    if floor is None or order.index(floor) >= order.index(priority):
        return priority
    return floor


def _values(key: str, new: NewTicket, suggestion: Suggestion, now: datetime) -> dict[str, Any]:
    """The ticket's columns that do not depend on routing. What the client did not send
    (contact, product, order number, amount, asks) is taken from the text; phones and e-mail
    addresses are masked in the text and kept in the contact fields."""
    # imported here: spaCy costs a second at import, which serving predictions need not pay
    from models.entities import extract

    category, priority = suggestion.category, suggestion.priority
    mentioned = extract(new.text)
    return {
        "idempotency_key": key,
        "version": 1,
        "channel": new.channel,
        "customer_name": new.customer.name,
        "customer_phone": new.customer.phone or next(iter(mentioned.phones), None),
        "customer_email": new.customer.email or next(iter(mentioned.emails), None),
        "customer_account": new.customer.account,
        "customer_tier": new.customer.tier,
        "product": new.product or next(iter(mentioned.product_models), None),
        "order_no": new.order_no or next(iter(mentioned.order_numbers), None),
        "amount": new.amount if new.amount is not None else max(mentioned.amounts, default=None),
        "customer_asks": list(new.customer_asks) or mentioned.asks,
        "subject": redact(new.subject) if new.subject else None,
        "text": redact(new.text),
        "suggested_category": category.label,
        "suggested_category_confidence": category.confidence,
        "suggested_priority": priority.label,
        "suggested_priority_confidence": priority.confidence,
        "model_version": suggestion.model_version,
        "category": category.final_label,
        "category_source": AUTO if category.outcome == AUTO else None,
        "received_at": new.received_at or now,
        "paused_seconds": 0.0,
        "sla_warning": 0,
        "escalation_level": 0,
        "customer_confirmed": False,
        "related_number": new.related_number,
        "created_at": now,
        "updated_at": now,
    }


def _insert(
    connection: Connection,
    key: str,
    new: NewTicket,
    suggestion: Suggestion,
    intake: Intake,
    actor: str,
) -> Ticket:
    now = datetime.now(UTC)
    values = _values(key, new, suggestion, now)
    category, priority = suggestion.category, suggestion.priority
    decision = intake.rules.route(
        Complaint(
            category=category.label,
            priority=priority.label,
            channel=new.channel,
            text=new.text,
            product=new.product,
            amount=new.amount,
            customer_tier=new.customer.tier,
            recent_tickets=recent_ticket_counter(connection, new.customer, now),
        )
    )
    effective = _raise_priority(priority.label, decision.priority_floor, intake.taxonomy)
    if effective != priority.label:
        values["priority"], values["priority_source"] = effective, "rule"
    elif priority.outcome == AUTO:
        values["priority"], values["priority_source"] = effective, AUTO
    rules = {p.code: p for p in intake.taxonomy.priorities}[effective]
    values["first_response_due"], values["resolution_due"] = due_times(
        values["received_at"], rules, intake.business
    )
    needs_review = REVIEW in (category.outcome, priority.outcome)
    values["status"] = lifecycle.NEEDS_REVIEW if needs_review else lifecycle.TRIAGED
    values["department"] = decision.department
    values["assignee_group"] = decision.assignee_group
    # statements with separate parameters: SQLAlchemy compiles each one only once
    inserted = connection.execute(TICKET.insert(), values).inserted_primary_key
    assert inserted is not None
    ticket_id = values["id"] = inserted[0]
    values["number"] = f"TS-{values['received_at'].astimezone(UTC):%Y%m%d}-{ticket_id:06d}"
    connection.execute(
        TICKET.update().where(TICKET.c.id == bindparam("ticket_id")),
        {"ticket_id": ticket_id, "number": values["number"]},
    )
    message = {
        "ticket_id": ticket_id,
        "external_key": new.message_key or f"{key}#1",
        "direction": "inbound",
        "channel": new.channel,
        "author": new.customer.name,
        "text": values["text"],
        "created_at": values["received_at"],
    }
    connection.execute(MESSAGE.insert(), message)
    connection.execute(
        ROUTING_DECISION.insert(),
        {
            "ticket_id": ticket_id,
            "rule_id": decision.rule_id,
            "reason": decision.reason,
            "actions": decision.actions(),
            "created_at": now,
        },
    )
    if not needs_review:
        agent_id = assignment.pick_agent(connection, decision.assignee_group)
        if agent_id is not None:
            assignment.assign(connection, ticket_id, agent_id, now)
            values.update(status=lifecycle.ASSIGNED, assignee_id=agent_id, version=2)
    connection.execute(
        AUDIT_EVENT.insert(),
        {
            "ticket_id": ticket_id,
            "actor": actor,
            "action": "created",
            "before": None,
            "after": plain({name: values.get(name) for name in AUDITED}),
            "created_at": now,
        },
    )
    # the ticket as stored, without reading it back
    return Ticket(**values, messages=[Message(**message)])
