"""From a raw inbound message to a ticket: store raw -> parse -> (mask, extract) -> classify ->
route -> store ticket, or join the ticket it replies to. One function per kind of message;
every step is idempotent on the message's external key, so running it again after a crash or
a refetch neither loses nor doubles anything. A message that cannot be processed is
quarantined with its error and the caller goes on with the next one."""

import logging
import smtplib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from models.bundle import ModelBundle, load_bundle
from pipeline.acknowledge import acknowledge
from pipeline.mail import Attachment, parse_mail
from pipeline.smtp import SmtpSettings
from tickets import attachments, bursts, creation, raw_messages, store, threads
from tickets.creation import Intake
from tickets.db import Database, get_database
from tickets.paths import get_path_settings
from tickets.tables import Ticket

CREATED, THREADED, DUPLICATE, QUARANTINED = "created", "threaded", "duplicate", "quarantined"
JOINED = "joined"
log = logging.getLogger(__name__)


@dataclass
class IntakeContext:
    """What processing needs: the store, the model, the routing rules and calendar."""

    db: Database
    bundle: ModelBundle
    intake: Intake
    # read once: reading the environment and .env again for each mail took a tenth of its time
    smtp: SmtpSettings = field(default_factory=SmtpSettings)

    @classmethod
    def from_settings(cls, bundle: Path | None = None) -> "IntakeContext":
        default = get_path_settings().default_bundle
        return cls(get_database(), load_bundle(bundle or default), Intake.from_settings())


def quarantine(context: IntakeContext, raw_id: int, reason: str) -> str:
    raw_messages.mark(context.db, raw_id, raw_messages.QUARANTINED, error=reason)
    return QUARANTINED


def take_in_mail(
    context: IntakeContext, raw: bytes, key: str, source: str, channel: str = "email"
) -> str:
    """One e-mail: a new ticket, a reply joined to its ticket, or quarantine. Only its headers
    are kept as the raw record: an encoded body could hide an ID number from masking, and the
    mail itself stays on the server for a retry."""
    headers = raw.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
    stored = raw_messages.store_raw(
        context.db, channel, key, headers.decode("utf-8", "replace"), source
    )
    if stored.status in (raw_messages.PROCESSED, raw_messages.QUARANTINED):
        return DUPLICATE
    try:
        mail = parse_mail(raw)
    except Exception as error:  # a mail the parser cannot read must not stop the batch
        return quarantine(context, stored.id, f"unreadable mail: {error!r}")
    text = mail.text or mail.subject
    if not text.strip():
        return quarantine(context, stored.id, "the mail has no text and no subject")
    replied_to = threads.referenced_ticket(
        context.db, mail.subject, [f"email:{i}" for i in mail.in_reply_to]
    )
    same_sender = (
        replied_to is not None
        and mail.from_address is not None
        and (replied_to.customer_email or "").lower() == mail.from_address
    )
    if replied_to is not None and same_sender:
        threads.add_reply(context.db, replied_to.id, key, channel, mail.from_address, text)
        _keep_attachments(context, replied_to.id, key, mail.attachments)
        raw_messages.mark(context.db, stored.id, raw_messages.PROCESSED, replied_to.number)
        return THREADED
    new = store.NewTicket(
        channel=channel,
        text=text,
        subject=mail.subject or None,
        customer=store.Customer(name=mail.from_name, email=mail.from_address),
        message_key=key,
        related_number=replied_to.number if replied_to else None,
    )
    ticket = _create(context, new, stored.id)
    _keep_attachments(context, ticket.id, key, mail.attachments)
    try:
        acknowledge(ticket, context.db, context.smtp)
    except (smtplib.SMTPException, OSError) as error:
        # the ticket stands; the customer just gets no e-mail this time
        log.warning("acknowledgement of %s not sent: %s", ticket.number, error)
    return CREATED


def _keep_attachments(
    context: IntakeContext, ticket_id: int, key: str, found: list[Attachment]
) -> None:
    if found:
        files = [(a.name, a.content_type, a.content) for a in found]
        attachments.keep(context.db, ticket_id, key, files)


def _create(context: IntakeContext, new: store.NewTicket, raw_id: int) -> Ticket:
    """Classify and store the ticket; the raw record then points at it."""
    [proposed] = creation.suggest(context.bundle, [new])
    ticket, _ = creation.create_ticket(
        context.db, new, proposed, context.intake, f"intake:{new.channel}"
    )
    raw_messages.mark(context.db, raw_id, raw_messages.PROCESSED, ticket.number)
    return ticket


def take_in_post(
    context: IntakeContext,
    key: str,
    channel: str,
    text: str,
    customer: store.Customer,
    payload: str,
    source: str,
    continues: Callable[[Ticket], bool],
) -> str:
    """One social-media post or comment addressed to the company: a new ticket, or a part of
    the customer's open ticket (`bursts.add_to_open_ticket`: an answer to a ticket that waits
    for them, or the next part when `continues`)."""
    stored = raw_messages.store_raw(context.db, channel, key, payload, source)
    if stored.status in (raw_messages.PROCESSED, raw_messages.QUARANTINED):
        return DUPLICATE
    if not text.strip():
        return quarantine(context, stored.id, "the post has no text")
    if customer.account:
        number = bursts.add_to_open_ticket(
            context.db,
            context.bundle,
            context.intake,
            channel,
            customer.account,
            key,
            text,
            continues,
        )
        if number is not None:
            raw_messages.mark(context.db, stored.id, raw_messages.PROCESSED, number)
            return JOINED
    new = store.NewTicket(channel=channel, text=text, customer=customer, message_key=key)
    _create(context, new, stored.id)
    return CREATED
