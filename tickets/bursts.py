"""A complaint told in several chat messages becomes one ticket.

WeChat customers type a complaint in parts: 我买的空调不制冷 / 师傅说好昨天来，到现在也没来 /
订单号2024112200123. Each part opened a ticket of its own, with its own acknowledgement, and
the first ticket was classified on its first words alone. A message from a customer whose open
ticket heard from them less than `BURST` ago, and that nobody has answered yet, is part of the
same complaint: it joins the ticket's messages and its text, the ticket takes the model's
suggestion for the whole text (a label an agent set stays), fields the first part did not give
(order number, product, amount, phone) are taken from the new one, and the ticket is routed and
timed again (`tickets.relabelling`).
"""

from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tickets.creation import Intake, sent_or_mentioned
from tickets.db import Database
from tickets.intake_policy import Suggestion, review_if_unsure, take_suggestion
from tickets.store import change_ticket, follow_labels
from tickets.tables import Message, Ticket
from tickets.threads import add_inbound

BURST = timedelta(minutes=10)


def still_telling(db: Database, ticket: Ticket, now: datetime) -> bool:
    """Whether the customer wrote to this ticket within `BURST` and nobody has answered."""
    with db.session() as session:
        last, answered = session.execute(
            select(
                func.max(Message.created_at).filter(Message.direction == "inbound"),
                func.count(Message.id).filter(Message.direction == "outbound"),
            ).where(Message.ticket_id == ticket.id)
        ).one()
    if last is None or answered:
        return False
    # SQLite gives back naive times (stored as UTC)
    last = last if last.tzinfo else last.replace(tzinfo=now.tzinfo)
    return now - last <= BURST


def extend(
    db: Database,
    number: str,
    version: int,
    message_key: str,
    author: str,
    text: str,
    advice: Suggestion,
    intake: Intake,
) -> Ticket:
    """Add the next part of the complaint to its ticket. `advice` is the model's suggestion for
    the ticket's text with this part; `version` the ticket's version it was made on."""

    def apply(session: Session, ticket: Ticket, now: datetime) -> None:
        masked = add_inbound(session, ticket.id, message_key, ticket.channel, author, text, now)
        if masked is None:  # this part was added before (a retry): nothing new to read
            return
        ticket.text = f"{ticket.text}\n{masked}"
        _fill_missing_fields(ticket, text)
        take_suggestion(ticket, advice)
        review_if_unsure(ticket, advice)
        follow_labels(session, ticket, intake, author, now)

    return change_ticket(db, number, version, author, "extended", apply)


def _fill_missing_fields(ticket: Ticket, text: str) -> None:
    # imported here: spaCy costs a second at import
    from models.entities import extract

    mentioned = extract(text)
    filled = sent_or_mentioned(
        mentioned,
        ticket.customer_phone,
        ticket.customer_email,
        ticket.product,
        ticket.order_no,
        ticket.amount,
    )
    for column, value in filled.items():
        setattr(ticket, column, value)
    ticket.customer_asks = list(dict.fromkeys([*(ticket.customer_asks or []), *mentioned.asks]))
