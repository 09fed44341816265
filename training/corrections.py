"""Training data from the desk: tickets whose labels an agent corrected, in the seed format.

The store keeps texts masked already; they are masked once more here, so that a text stored
before a detector improved does not reach a training file in clear.
"""

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from models.redact import redact
from tickets.db import Database
from tickets.tables import Correction, Ticket


def corrected_rows(db: Database, since: datetime) -> Iterator[dict[str, str]]:
    """One seed-format row per ticket corrected since `since`, with its final labels."""
    with db.session() as session:
        corrected = select(Correction.ticket_id).where(Correction.created_at >= since)
        tickets = session.scalars(
            select(Ticket).where(Ticket.id.in_(corrected)).order_by(Ticket.id)
        )
        for ticket in tickets:
            category = ticket.category or ticket.suggested_category
            priority = ticket.priority or ticket.suggested_priority
            if not (category and priority):
                continue
            row = {
                "id": ticket.number or str(ticket.id),
                "text": redact(ticket.text),
                "category": category,
                "priority": priority,
                "corpus": "corrections",
                "channel": ticket.channel,
            }
            if ticket.subject:
                row["subject"] = redact(ticket.subject)
            yield row


def export_corrections(db: Database, since: datetime, out: Path) -> int:
    out.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    with out.open("w", encoding="utf-8") as handle:
        for row in corrected_rows(db, since):
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
            written += 1
    return written
