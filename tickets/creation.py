"""Creating a ticket: route, set deadlines, store ticket, first message, routing decision,
notifications and audit event in one transaction, and assign it.

Idempotent on the client's key (or the message's external key): a key seen before returns the
ticket it made, also when two requests race (the unique index decides, the loser reads the
winner's ticket). Written with SQLAlchemy Core on one connection, because intake is the hot
path: the ORM's unit of work cost several times more per ticket.
"""

import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, bindparam, select
from sqlalchemy.exc import IntegrityError

from models.features import ComplaintText
from models.redact import redact
from tickets import assignment, lifecycle, notifications
from tickets.audit import AUDITED, plain
from tickets.db import Database
from tickets.intake_policy import AUTO, REVIEW, Suggestion, suggestion
from tickets.paths import get_path_settings
from tickets.routing import Complaint, RoutingRules, load_rules, with_floor
from tickets.sla import BusinessHours, due_times
from tickets.store import NewTicket, get_ticket, recent_ticket_counter
from tickets.tables import Base, Message, Ticket
from tickets.taxonomy import Taxonomy, load_taxonomy

if TYPE_CHECKING:  # the store does not load models itself
    from models.bundle import ModelBundle
    from models.entities import Entities


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

    def due_times(
        self, received: datetime, category: str | None, priority: str
    ) -> tuple[datetime | None, datetime | None]:
        """First-response and resolution deadlines of a ticket with these labels: none for a
        category without them (`Taxonomy.is_timed`)."""
        if not self.taxonomy.is_timed(category):
            return None, None
        rules = {p.code: p for p in self.taxonomy.priorities}[priority]
        return due_times(received, rules, self.business)


LOG = logging.getLogger(__name__)

# statements built once, executed with separate parameters: SQLAlchemy then reuses their
# compiled form instead of working out a cache key for a new statement on every ticket
_TABLES = Base.metadata.tables
INSERT_TICKET = _TABLES["ticket"].insert()
SET_NUMBER = _TABLES["ticket"].update().where(_TABLES["ticket"].c.id == bindparam("ticket_id"))
INSERT_MESSAGE = _TABLES["message"].insert()
INSERT_ROUTING_DECISION = _TABLES["routing_decision"].insert()
INSERT_AUDIT_EVENT = _TABLES["audit_event"].insert()
EXISTING = select(Ticket.number).where(Ticket.idempotency_key == bindparam("key"))


@dataclass(frozen=True)
class TicketRequest:
    """One complaint to turn into a ticket, with the model's suggestion and who sent it."""

    new: NewTicket
    suggestion: Suggestion
    actor: str


Created = tuple[Ticket, bool]  # the ticket, and whether it was created now (False: key seen)


def suggest(bundle: "ModelBundle", news: Sequence[NewTicket]) -> list[Suggestion]:
    """The model's labels for each complaint (one model call), put through the confidence
    policy."""
    complaints = [ComplaintText(new.text, new.subject, new.channel) for new in news]
    return [
        suggestion(p.category, p.priority, bundle.version)
        for p in bundle.classifier.predict(complaints)
    ]


def create_ticket(
    db: Database, new: NewTicket, suggestion: Suggestion, intake: Intake, actor: str
) -> Created:
    """The ticket for `new`, and whether it was created now (False: the key was seen)."""
    return _create_alone(db, TicketRequest(new, suggestion, actor), intake)


def _create_alone(db: Database, request: TicketRequest, intake: Intake) -> Created:
    try:
        with db.engine.begin() as connection:
            made = _create(connection, request, intake)
    except IntegrityError:
        # a concurrent request with the same key won the race: answer with its ticket
        with db.engine.connect() as connection:
            made = connection.scalar(EXISTING, {"key": _key(request.new)})
        if made is None:
            raise
    return _answer(db, made)


def create_tickets(
    db: Database, requests: Sequence[TicketRequest], intake: Intake
) -> list[Created | Exception]:
    """Tickets for several requests in one transaction (one commit instead of many). If any
    of them fails, nothing of the batch is kept and each is created alone, so that one bad
    request gets its own error and does not fail the others."""
    if len(requests) > 1:
        try:
            with db.engine.begin() as connection:
                made = [_create(connection, request, intake) for request in requests]
            return [_answer(db, one) for one in made]
        except Exception as error:
            # the type only: a database error would print the statement and its values
            LOG.warning(
                "a batch of %d tickets failed (%s): each alone", len(requests), type(error).__name__
            )
    results: list[Created | Exception] = []
    for request in requests:
        try:
            results.append(_create_alone(db, request, intake))
        except Exception as error:
            results.append(error)
    return results


def _key(new: NewTicket) -> str | None:
    return new.idempotency_key or new.message_key


def _create(connection: Connection, request: TicketRequest, intake: Intake) -> Ticket | str:
    """A new ticket, or the number of the ticket that the request's key made before."""
    key = _key(request.new)
    if key is None:
        key = f"auto:{uuid.uuid4()}"
    else:
        number = connection.scalar(EXISTING, {"key": key})
        if number is not None:
            return str(number)
    return _insert(connection, key, request, intake)


def _answer(db: Database, made: Ticket | str) -> Created:
    return (made, True) if isinstance(made, Ticket) else (get_ticket(db, made), False)


def sent_or_mentioned(
    mentioned: "Entities",
    phone: str | None,
    email: str | None,
    product: str | None,
    order_no: str | None,
    amount: float | None,
) -> dict[str, Any]:
    """A ticket's contact, product, order and amount columns: what was sent, else the first the
    text mentions (the largest amount)."""
    return {
        "customer_phone": phone or next(iter(mentioned.phones), None),
        "customer_email": email or next(iter(mentioned.emails), None),
        "product": product or next(iter(mentioned.product_models), None),
        "order_no": order_no or next(iter(mentioned.order_numbers), None),
        "amount": amount if amount is not None else max(mentioned.amounts, default=None),
    }


def _values(key: str, new: NewTicket, suggestion: Suggestion, now: datetime) -> dict[str, Any]:
    """The ticket's columns that do not depend on routing. What the client did not send
    (contact, product, order number, amount, asks) is taken from the text; phones and e-mail
    addresses are masked in the text and kept in the contact fields."""
    # imported here: spaCy costs a second at import, which serving predictions need not pay
    from models.entities import extract

    category, priority = suggestion.category, suggestion.priority
    mentioned = extract(new.text)
    customer = new.customer
    return {
        "idempotency_key": key,
        "version": 1,
        "channel": new.channel,
        "customer_name": customer.name,
        "customer_account": customer.account,
        "customer_tier": customer.tier,
        **sent_or_mentioned(
            mentioned, customer.phone, customer.email, new.product, new.order_no, new.amount
        ),
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


def _insert(connection: Connection, key: str, request: TicketRequest, intake: Intake) -> Ticket:
    new, suggestion, actor = request.new, request.suggestion, request.actor
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
    effective = with_floor(priority.label, decision.priority_floor, intake.taxonomy)
    if effective != priority.label:
        values["priority"], values["priority_source"] = effective, "rule"
    elif priority.outcome == AUTO:
        values["priority"], values["priority_source"] = effective, AUTO
    values["first_response_due"], values["resolution_due"] = intake.due_times(
        values["received_at"], values["category"], effective
    )
    needs_review = REVIEW in (category.outcome, priority.outcome)
    values["status"] = lifecycle.NEEDS_REVIEW if needs_review else lifecycle.TRIAGED
    values["department"] = decision.department
    values["assignee_group"] = decision.assignee_group
    inserted = connection.execute(INSERT_TICKET, values).inserted_primary_key
    assert inserted is not None
    ticket_id = values["id"] = inserted[0]
    values["number"] = f"TS-{values['received_at'].astimezone(UTC):%Y%m%d}-{ticket_id:06d}"
    connection.execute(SET_NUMBER, {"ticket_id": ticket_id, "number": values["number"]})
    message = {
        "ticket_id": ticket_id,
        "external_key": new.message_key or f"{key}#1",
        "direction": "inbound",
        "channel": new.channel,
        "author": new.customer.name,
        "text": values["text"],
        "created_at": values["received_at"],
    }
    connection.execute(INSERT_MESSAGE, message)
    connection.execute(
        INSERT_ROUTING_DECISION,
        {
            "ticket_id": ticket_id,
            "rule_id": decision.rule_id,
            "reason": decision.reason,
            "actions": decision.actions(),
            "created_at": now,
        },
    )
    notifications.queue(
        connection,
        ticket_id,
        notifications.routing_recipients(decision, intake.taxonomy),
        f"{decision.rule_id}: {decision.reason}"[:300],
        now,
    )
    if not needs_review:
        agent_id = assignment.pick_agent(connection, decision.assignee_group)
        if agent_id is not None:
            assignment.assign(connection, ticket_id, agent_id, now)
            values.update(status=lifecycle.ASSIGNED, assignee_id=agent_id, version=2)
    connection.execute(
        INSERT_AUDIT_EVENT,
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
