"""A complaint told in several chat messages becomes one ticket.

WeChat customers type a complaint in parts: 我买的空调不制冷 / 师傅说好昨天来，到现在也没来 /
订单号2024112200123. Each part opened a ticket of its own, with its own acknowledgement, and
the first ticket was classified on its first words alone. A message from a customer whose open
ticket heard from them less than `BURST` ago, and that nobody has answered yet, is part of the
same complaint: it joins the ticket's messages and its text, the ticket takes the model's
suggestion for the whole text (a label an agent set stays), fields the first part did not give
(order number, product, amount, phone) are taken from the new one, and the ticket is routed and
timed again (`tickets.relabelling`).

`add_to_open_ticket` decides for any channel: WeChat's next part is a message within `BURST`,
Weibo's a comment under the same post within `BURST` of the last (`pipeline.sources.weibo`). A
message that only chases the open ticket (我的投诉怎么还没处理？) joins it at any time, as the
customer's message, without changing its text.
"""

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.chasers import chases
from tickets import lifecycle
from tickets.creation import Intake, sent_or_mentioned, suggest
from tickets.db import Database
from tickets.intake_policy import Suggestion, review_if_unsure, take_suggestion
from tickets.store import NewTicket, change_ticket, follow_labels, open_ticket_of
from tickets.tables import Message, Ticket
from tickets.threads import add_inbound, add_reply

if TYPE_CHECKING:
    from models.bundle import ModelBundle

BURST = timedelta(minutes=10)


def add_to_open_ticket(
    db: Database,
    bundle: "ModelBundle",
    intake: Intake,
    channel: str,
    account: str,
    message_key: str,
    text: str,
    continues: Callable[[Ticket], bool],
) -> str | None:
    """The number of the customer's open ticket on this channel when the message belongs to
    it: an answer to a ticket that waits for them, or a message that only chases it
    (`models.chasers`: 怎么还没处理？), both added as the customer's reply; or the next part of the
    complaint they are telling (`continues`; the ticket is extended). None when the message is
    a complaint of its own."""
    ticket = open_ticket_of(db, channel, account)
    if ticket is None or ticket.number is None:
        return None
    if ticket.status == lifecycle.AWAITING_CUSTOMER or chases(text):
        add_reply(db, ticket.id, message_key, channel, account, text)
    elif continues(ticket):
        advice = suggest(bundle, [NewTicket(channel=channel, text=f"{ticket.text}\n{text}")])[0]
        extend(db, ticket.number, ticket.version, message_key, account, text, advice, intake)
    else:
        return None
    return ticket.number


def still_telling(db: Database, ticket: Ticket, now: datetime) -> bool:
    """Whether the customer wrote to this ticket within `BURST` and nobody has answered."""
    last = last_unanswered(db, ticket)
    return last is not None and now - last.created_at <= BURST


def last_unanswered(db: Database, ticket: Ticket) -> Message | None:
    """The customer's last message to the ticket, if nobody has answered it; else None."""
    with db.session() as session:
        mine = Message.ticket_id == ticket.id
        answers = select(func.count(Message.id)).where(mine, Message.direction == "outbound")
        if session.scalar(answers):
            return None
        return session.scalars(
            select(Message)
            .where(mine, Message.direction == "inbound")
            .order_by(Message.created_at.desc(), Message.id.desc())
            .limit(1)
        ).first()


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
