"""Notifications: who is to be told about a ticket, queued in the ticket's own transaction and
kept until sent (delivery by e-mail is `pipeline.notify`).

Recipients are roles (客服主管, 客服总监, 安全值班...): routing rules name them in `notify`, a
rule with `cc_director` adds the director (taxonomy `escalation.p0_notify`), and an escalation
at a deadline tells the next of `escalation.levels`. `data/rules/contacts.yaml` gives each
role its e-mail addresses.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import yaml
from sqlalchemy import Connection, func, select, true
from sqlalchemy.orm import Session

from tickets.db import Database
from tickets.errors import TousuError
from tickets.routing import Decision
from tickets.tables import Base, Notification, Ticket
from tickets.taxonomy import Taxonomy

_INSERT = Base.metadata.tables["notification"].insert()
DEFAULT_DIRECTOR = "客服总监"


def director(taxonomy: Taxonomy) -> str:
    return str(taxonomy.escalation.get("p0_notify", DEFAULT_DIRECTOR))


def routing_recipients(decision: Decision, taxonomy: Taxonomy) -> list[str]:
    """The roles a routing decision tells: its notify list, and the director on cc."""
    extra = [director(taxonomy)] if decision.cc_director else []
    return list(dict.fromkeys([*decision.notify, *extra]))


def queue(
    db: Session | Connection, ticket_id: int, recipients: Iterable[str], reason: str, now: datetime
) -> None:
    """Queue one notification per role (in the caller's transaction)."""
    rows = [
        {"ticket_id": ticket_id, "recipient": r, "reason": reason, "created_at": now, "attempts": 0}
        for r in dict.fromkeys(recipients)
    ]
    if rows:
        db.execute(_INSERT, rows)


@dataclass(frozen=True)
class Outgoing:
    """A notification with what its message needs to say about the ticket."""

    id: int
    recipient: str
    reason: str
    number: str
    priority: str | None
    category: str | None
    department: str | None
    first_response_due: datetime | None
    text: str


def pending(db: Database, roles: Iterable[str], limit: int = 200) -> list[Outgoing]:
    """Unsent notifications to `roles`, oldest first."""
    query = (
        select(Notification, Ticket)
        .join(Ticket, Ticket.id == Notification.ticket_id)
        .where(Notification.sent_at.is_(None), Notification.recipient.in_(list(roles)))
        .order_by(Notification.id)
        .limit(limit)
    )
    with db.session() as session:
        return [
            Outgoing(
                n.id,
                n.recipient,
                n.reason,
                t.number or "",
                t.priority or t.suggested_priority,
                t.category or t.suggested_category,
                t.department,
                t.first_response_due,
                t.text,
            )
            for n, t in session.execute(query).tuples()
        ]


def mark_sent(db: Database, notification_id: int, addresses: list[str], now: datetime) -> None:
    with db.session() as session, session.begin():
        found = session.get_one(Notification, notification_id)
        found.sent_at, found.sent_to = now, ", ".join(addresses)
        found.attempts += 1
        found.last_error = None


def mark_failed(db: Database, notification_id: int, error: str) -> None:
    with db.session() as session, session.begin():
        found = session.get_one(Notification, notification_id)
        found.attempts += 1
        found.last_error = error[:2000]


def listing(
    db: Database, pending_only: bool, limit: int, offset: int
) -> tuple[list[tuple[Notification, str]], int]:
    """Notifications newest first with their ticket numbers, and how many match."""
    wanted = Notification.sent_at.is_(None) if pending_only else true()
    with db.session() as session:
        total = session.scalar(select(func.count()).select_from(Notification).where(wanted))
        rows = session.execute(
            select(Notification, Ticket.number)
            .join(Ticket, Ticket.id == Notification.ticket_id)
            .where(wanted)
            .order_by(Notification.id.desc())
            .limit(limit)
            .offset(offset)
        ).tuples()
        return [(n, number or "") for n, number in rows], int(total or 0)


def load_contacts(path: Path) -> dict[str, list[str]]:
    """Role -> e-mail addresses, validated: the file, the role and the fix are named."""
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise TousuError(
            "contacts-unreadable",
            f"{path} cannot be read: {error}",
            "write it as `contacts: {角色: [name@example.com]}`.",
        ) from None
    contacts = document.get("contacts") or {}
    if not isinstance(contacts, dict):
        raise TousuError(
            "contacts-invalid",
            f"{path}: `contacts` is not a mapping.",
            "write it as `contacts: {角色: [name@example.com]}`.",
        )
    for role, addresses in contacts.items():
        if not isinstance(addresses, list) or not all(
            isinstance(a, str) and "@" in a for a in addresses
        ):
            raise TousuError(
                "contacts-invalid",
                f"{path}: role {role!r} has {addresses!r}, not a list of e-mail addresses.",
                f"write `{role}: [name@example.com]` (or [] to keep its notifications waiting).",
            )
    return {str(role): list(addresses) for role, addresses in contacts.items()}
