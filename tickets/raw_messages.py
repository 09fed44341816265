"""Raw inbound messages: stored first, under a stable external key, so a message that arrives
twice is recognised and a message that cannot be processed is kept, with its error, for an
operator to retry or discard (quarantine)."""

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from models.redact import BANK_CARD, ID_NUMBER, redact
from tickets.db import Database
from tickets.errors import TousuError
from tickets.tables import RawMessage

RECEIVED, PROCESSED, QUARANTINED = "received", "processed", "quarantined"
DISCARDED = "discarded"


@dataclass(frozen=True)
class Stored:
    id: int
    status: str
    ticket_number: str | None
    new: bool  # False: this external key was seen before


def store_raw(
    db: Database, channel: str, external_key: str, payload: str, source: str | None = None
) -> Stored:
    """Keep the message as it arrived (ID and card numbers masked); a key seen before
    returns what became of it."""
    now = datetime.now(UTC)
    try:
        with db.session() as session, session.begin():
            row = RawMessage(
                channel=channel,
                source=source,
                external_key=external_key,
                payload=redact(payload, (ID_NUMBER, BANK_CARD)),
                status=RECEIVED,
                received_at=now,
                updated_at=now,
            )
            session.add(row)
            session.flush()
            return Stored(row.id, RECEIVED, None, True)
    except IntegrityError:
        with db.session() as session:
            seen = session.scalars(
                select(RawMessage).where(RawMessage.external_key == external_key)
            ).one()
            return Stored(seen.id, seen.status, seen.ticket_number, False)


def mark(
    db: Database,
    raw_id: int,
    status: str,
    ticket_number: str | None = None,
    error: str | None = None,
) -> None:
    with db.session() as session, session.begin():
        row = session.get(RawMessage, raw_id)
        assert row is not None
        row.status, row.ticket_number, row.error = status, ticket_number, error
        row.updated_at = datetime.now(UTC)


def payload_of(db: Database, external_key: str) -> str | None:
    """The message with this key as it arrived, if it was stored."""
    with db.session() as session:
        return session.scalars(
            select(RawMessage.payload).where(RawMessage.external_key == external_key)
        ).first()


def quarantined(db: Database, channel: str | None = None) -> list[RawMessage]:
    with db.session() as session:
        query = select(RawMessage).where(RawMessage.status == QUARANTINED)
        if channel:
            query = query.where(RawMessage.channel == channel)
        return list(session.scalars(query.order_by(RawMessage.id)))


def finished_keys(db: Database, keys: list[str]) -> set[str]:
    """Which of `keys` were processed, quarantined or discarded (nothing left to do)."""
    with db.session() as session:
        return set(
            session.scalars(
                select(RawMessage.external_key).where(
                    RawMessage.external_key.in_(keys),
                    RawMessage.status.in_((PROCESSED, QUARANTINED, DISCARDED)),
                )
            )
        )


def quarantined_message(db: Database, raw_id: int) -> RawMessage:
    with db.session() as session:
        row = session.get(RawMessage, raw_id)
    if row is None or row.status != QUARANTINED:
        raise TousuError(
            "quarantine-not-found",
            f"there is no quarantined message {raw_id}.",
            "list them with GET /v1/quarantine.",
        )
    return row


def release(db: Database, raw_id: int) -> RawMessage:
    """Back to `received`, so the next run of its source processes it again."""
    row = quarantined_message(db, raw_id)
    mark(db, raw_id, RECEIVED, error=f"retried after: {row.error}")
    return row


def discard(db: Database, raw_id: int) -> None:
    row = quarantined_message(db, raw_id)
    mark(db, raw_id, DISCARDED, error=row.error)
