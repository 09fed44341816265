"""Replies join the ticket they answer: found by the tracking number in the subject
(`[TS-20261122-000123]`) or by the Message-IDs the reply refers to, and joined only when the
sender is the ticket's customer."""

import re
from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.redact import redact
from tickets import audit
from tickets.db import Database
from tickets.lifecycle import AWAITING_CUSTOMER, CLOSED, IN_PROGRESS, REOPENED, RESOLVED
from tickets.store import change_status
from tickets.tables import Message, Ticket

NUMBER_IN_SUBJECT = re.compile(r"\[?(TS-\d{8}-\d{6,})\]?")


def referenced_ticket(db: Database, subject: str, message_keys: Sequence[str]) -> Ticket | None:
    """The ticket a reply points at, by number in the subject or by referenced message."""
    with db.session() as session:
        match = NUMBER_IN_SUBJECT.search(subject or "")
        if match:
            found = session.scalars(select(Ticket).where(Ticket.number == match.group(1))).first()
            if found is not None:
                return found
        if message_keys:
            return session.scalars(
                select(Ticket)
                .join(Message, Message.ticket_id == Ticket.id)
                .where(Message.external_key.in_(list(message_keys)))
                .limit(1)
            ).first()
    return None


def add_inbound(
    session: Session,
    ticket_id: int,
    message_key: str,
    channel: str,
    author: str | None,
    text: str,
    now: datetime,
) -> str | None:
    """Add a customer's message (masked) to the ticket, in the caller's transaction; its masked
    text, or None if a message with this key was added before."""
    if session.scalars(select(Message.id).where(Message.external_key == message_key)).first():
        return None
    masked = redact(text)
    session.add(
        Message(
            ticket_id=ticket_id,
            external_key=message_key,
            direction="inbound",
            channel=channel,
            author=author,
            text=masked,
            created_at=now,
        )
    )
    return masked


def add_reply(
    db: Database, ticket_id: int, message_key: str, channel: str, author: str | None, text: str
) -> bool:
    """Add the customer's reply (masked) to the ticket; False if it was added before. A reply
    wakes a ticket that waited for the customer and reopens a resolved or closed one."""
    now = datetime.now(UTC)
    with db.session() as session, session.begin():
        if add_inbound(session, ticket_id, message_key, channel, author, text, now) is None:
            return False
        ticket = session.get(Ticket, ticket_id)
        assert ticket is not None and ticket.number is not None
        number, status = ticket.number, ticket.status
        audit.record(
            session,
            ticket_id,
            author or channel,
            "customer_reply",
            now,
            after={"message": message_key},
        )
    wake = {AWAITING_CUSTOMER: IN_PROGRESS, RESOLVED: REOPENED, CLOSED: REOPENED}.get(status)
    if wake:
        change_status(db, number, wake, author or channel)
    return True


def has_outbound(db: Database, ticket_id: int) -> bool:
    with db.session() as session:
        query = select(Message.id).where(
            Message.ticket_id == ticket_id, Message.direction == "outbound"
        )
        return session.scalars(query.limit(1)).first() is not None


def add_outbound(db: Database, ticket_id: int, message_key: str, channel: str, text: str) -> None:
    """Keep what was sent to the customer on the ticket (a reply to it then joins the ticket)."""
    with db.session() as session, session.begin():
        session.add(
            Message(
                ticket_id=ticket_id,
                external_key=message_key,
                direction="outbound",
                channel=channel,
                author="tousu",
                text=redact(text),
                created_at=datetime.now(UTC),
            )
        )
