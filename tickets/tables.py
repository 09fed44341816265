"""The complaint store's tables (SQLAlchemy 2). Alembic migrations in tickets/migrations/
create them; this module is their single description."""

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

# stable constraint names, so migrations can refer to them on every database
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

Id = BigInteger().with_variant(Integer, "sqlite")  # SQLite autoincrements INTEGER keys only


class Timestamp(TypeDecorator[datetime]):
    """An aware UTC datetime on every database (SQLite keeps no zone: UTC is stored, and
    the zone put back on reading)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("store aware datetimes only (datetime.now(UTC))")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Ticket(Base):
    __tablename__ = "ticket"
    # an agent's open tickets are counted on every assignment: the index alone answers it
    __table_args__ = (Index("ix_ticket_assignee_id_status", "assignee_id", "status"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    number: Mapped[str | None] = mapped_column(String(32), unique=True)
    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    channel: Mapped[str] = mapped_column(String(40), index=True)
    customer_name: Mapped[str | None] = mapped_column(String(200))
    customer_phone: Mapped[str | None] = mapped_column(String(40))
    customer_email: Mapped[str | None] = mapped_column(String(200))
    customer_account: Mapped[str | None] = mapped_column(String(200))
    customer_tier: Mapped[str | None] = mapped_column(String(40))
    product: Mapped[str | None] = mapped_column(String(200))
    order_no: Mapped[str | None] = mapped_column(String(100))
    amount: Mapped[float | None] = mapped_column(Numeric(12, 2))
    customer_asks: Mapped[list[str]] = mapped_column(JSON, default=list)
    subject: Mapped[str | None] = mapped_column(String(1000))
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(30), index=True)
    department: Mapped[str | None] = mapped_column(String(100), index=True)
    assignee_group: Mapped[str | None] = mapped_column(String(100))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("agent.id"))
    suggested_category: Mapped[str | None] = mapped_column(String(40))
    suggested_category_confidence: Mapped[float | None] = mapped_column(Float)
    suggested_priority: Mapped[str | None] = mapped_column(String(10))
    suggested_priority_confidence: Mapped[float | None] = mapped_column(Float)
    model_version: Mapped[str | None] = mapped_column(String(100))
    category: Mapped[str | None] = mapped_column(String(40), index=True)
    category_source: Mapped[str | None] = mapped_column(String(20))
    priority: Mapped[str | None] = mapped_column(String(10), index=True)
    priority_source: Mapped[str | None] = mapped_column(String(20))
    received_at: Mapped[datetime] = mapped_column(Timestamp())
    first_response_due: Mapped[datetime | None] = mapped_column(Timestamp())
    resolution_due: Mapped[datetime | None] = mapped_column(Timestamp())
    first_responded_at: Mapped[datetime | None] = mapped_column(Timestamp())
    resolved_at: Mapped[datetime | None] = mapped_column(Timestamp())
    closed_at: Mapped[datetime | None] = mapped_column(Timestamp())
    paused_at: Mapped[datetime | None] = mapped_column(Timestamp())
    paused_seconds: Mapped[float] = mapped_column(Float, default=0.0)
    sla_warning: Mapped[int] = mapped_column(Integer, default=0)  # percent of time used: 0/50/80
    escalation_level: Mapped[int] = mapped_column(Integer, default=0)
    satisfaction_score: Mapped[int | None] = mapped_column(Integer)
    satisfaction_comment: Mapped[str | None] = mapped_column(Text)
    customer_confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    # a ticket this one quotes but may not join (e.g. a reply from another sender)
    related_number: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(Timestamp())
    updated_at: Mapped[datetime] = mapped_column(Timestamp())

    messages: Mapped[list["Message"]] = relationship(
        back_populates="ticket", order_by="Message.id", cascade="all, delete-orphan"
    )
    # optimistic locking: an UPDATE whose version is stale changes nothing and fails
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class Message(Base):
    __tablename__ = "message"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("ticket.id"), index=True)
    external_key: Mapped[str] = mapped_column(String(300), unique=True)
    direction: Mapped[str] = mapped_column(String(10))  # inbound / outbound
    channel: Mapped[str] = mapped_column(String(40))
    author: Mapped[str | None] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(Timestamp())

    ticket: Mapped[Ticket] = relationship(back_populates="messages")


class RoutingDecision(Base):
    __tablename__ = "routing_decision"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("ticket.id"), index=True)
    rule_id: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str] = mapped_column(Text)
    actions: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(Timestamp())


class Correction(Base):
    __tablename__ = "correction"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("ticket.id"), index=True)
    head: Mapped[str] = mapped_column(String(20))  # category / priority
    old_label: Mapped[str | None] = mapped_column(String(40))
    new_label: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str] = mapped_column(String(200))
    model_version: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(Timestamp(), index=True)


class Notification(Base):
    """Someone to tell about a ticket: a routing rule's notify list, the director on cc, the
    next level of an escalation. Kept until it is sent (`sent_at`), so none is lost when mail
    is down or a role has no address yet."""

    __tablename__ = "notification"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("ticket.id"), index=True)
    recipient: Mapped[str] = mapped_column(String(100))  # a role, e.g. 客服总监
    reason: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(Timestamp())
    sent_at: Mapped[datetime | None] = mapped_column(Timestamp(), index=True)
    sent_to: Mapped[str | None] = mapped_column(String(1000))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)


class AuditEvent(Base):
    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("ticket.id"), index=True)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(60))
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(Timestamp())


class Agent(Base):
    __tablename__ = "agent"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    group: Mapped[str] = mapped_column(String(100), index=True)
    max_open: Mapped[int] = mapped_column(Integer, default=20)
    away: Mapped[bool] = mapped_column(Boolean, default=False)
    last_assigned_at: Mapped[datetime | None] = mapped_column(Timestamp())


class ApiToken(Base):
    __tablename__ = "api_token"
    __table_args__ = (UniqueConstraint("token_hash"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    token_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(Timestamp())
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)


class CompensationRequest(Base):
    __tablename__ = "compensation_request"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("ticket.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # refund, exchange, repair, voucher, cash
    amount: Mapped[float] = mapped_column(Numeric(12, 2))
    approver_role: Mapped[str] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(20))  # pending, approved, rejected
    requested_by: Mapped[str] = mapped_column(String(200))
    decided_by: Mapped[str | None] = mapped_column(String(200))
    comment: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(Timestamp())
    decided_at: Mapped[datetime | None] = mapped_column(Timestamp())


class RawMessage(Base):
    """Every inbound message exactly as it arrived, stored before anything else is done."""

    __tablename__ = "raw_message"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    channel: Mapped[str] = mapped_column(String(40))
    # where it came from, e.g. the mailbox (its channel_state name), for a retry
    source: Mapped[str | None] = mapped_column(String(300))
    external_key: Mapped[str] = mapped_column(String(300), unique=True)
    # as it arrived, with ID and card numbers masked (an e-mail keeps its headers only)
    payload: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), index=True)  # received/processed/quarantined
    error: Mapped[str | None] = mapped_column(Text)
    ticket_number: Mapped[str | None] = mapped_column(String(32))
    received_at: Mapped[datetime] = mapped_column(Timestamp())
    updated_at: Mapped[datetime] = mapped_column(Timestamp())


class ChannelState(Base):
    """Where a source stands (its checkpoint) and how its last runs went."""

    __tablename__ = "channel_state"

    name: Mapped[str] = mapped_column(String(300), primary_key=True)
    checkpoint: Mapped[dict] = mapped_column(JSON, default=dict)
    last_run: Mapped[datetime | None] = mapped_column(Timestamp())
    last_success: Mapped[datetime | None] = mapped_column(Timestamp())
    last_error: Mapped[str | None] = mapped_column(Text)
    counts: Mapped[dict] = mapped_column(JSON, default=dict)


class AttachmentRecord(Base):
    """A file that came with a message: always its name and size, its content on disk (under
    TOUSU_HOME/attachments, by SHA-256) when it is within the size limit."""

    __tablename__ = "attachment"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("ticket.id"), index=True)
    message_key: Mapped[str] = mapped_column(String(300))
    name: Mapped[str] = mapped_column(String(300))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str | None] = mapped_column(String(64))  # None: over the limit, not kept
    created_at: Mapped[datetime] = mapped_column(Timestamp())
