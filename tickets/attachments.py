"""Attachments of inbound messages: recorded on the ticket, content kept on disk by SHA-256
(so the same file sent twice is stored once) when within the size limit."""

import hashlib
from datetime import UTC, datetime
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy import select

from tickets.db import Database
from tickets.paths import get_path_settings
from tickets.tables import AttachmentRecord


class AttachmentSettings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="TOUSU_ATTACHMENT_", env_file=".env", extra="ignore"
    )

    max_bytes: int = 10 * 1024 * 1024


def folder() -> Path:
    return get_path_settings().home / "attachments"


def keep(
    db: Database,
    ticket_id: int,
    message_key: str,
    files: list[tuple[str, str, bytes]],
) -> list[AttachmentRecord]:
    """Record (name, content type, content) files of one message; idempotent per message."""
    limit = AttachmentSettings().max_bytes
    now = datetime.now(UTC)
    with db.session() as session, session.begin():
        done = session.scalars(
            select(AttachmentRecord).where(AttachmentRecord.message_key == message_key)
        ).all()
        if done:
            return list(done)
        records = []
        for name, content_type, content in files:
            digest = None
            if len(content) <= limit:
                digest = hashlib.sha256(content).hexdigest()
                path = folder() / digest[:2] / digest
                if not path.exists():
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_bytes(content)
            record = AttachmentRecord(
                ticket_id=ticket_id,
                message_key=message_key,
                name=name[:300],
                content_type=content_type[:100],
                size=len(content),
                sha256=digest,
                created_at=now,
            )
            session.add(record)
            records.append(record)
    return records


def of_ticket(db: Database, ticket_id: int) -> list[AttachmentRecord]:
    with db.session() as session:
        query = select(AttachmentRecord).where(AttachmentRecord.ticket_id == ticket_id)
        return list(session.scalars(query.order_by(AttachmentRecord.id)))
