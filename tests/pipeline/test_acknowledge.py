"""The acknowledgement e-mail through a local SMTP sink (aiosmtpd): once per ticket, with the
number and deadline, and a reply to it joins the ticket."""

from pathlib import Path

from sqlalchemy import select

from models.bundle import load_bundle
from pipeline.intake import IntakeContext, take_in_mail
from tests.pipeline import messy_mail
from tests.pipeline.smtp_sink import Sink
from tickets.creation import Intake
from tickets.db import Database
from tickets.tables import Message, Ticket


def test_acknowledged_once_and_a_reply_to_it_joins_the_ticket(
    sink: Sink, tmp_path: Path, bundle_dir: Path, intake: Intake
) -> None:
    context = IntakeContext(
        Database(f"sqlite:///{tmp_path / 'desk.db'}"), load_bundle(bundle_dir), intake
    )
    raw = messy_mail.gbk_subject()
    assert take_in_mail(context, raw, "email:<messy-1@mail.example.com>", "test") == "created"
    assert take_in_mail(context, raw, "email:<messy-1@mail.example.com>", "test") == "duplicate"
    [ack] = sink.received
    with context.db.session() as session:
        ticket = session.scalars(select(Ticket)).one()
    assert ack["To"].addresses[0].addr_spec == "zhang.wei@example.com"
    assert ack["Subject"] == f"[{ticket.number}] 您的投诉已受理"
    body = ack.get_content()
    assert ticket.number in body and "前答复您" in body
    reply = (
        "From: 张伟 <zhang.wei@example.com>\r\nSubject: Re: 您的投诉已受理\r\n"
        f"In-Reply-To: {ack['Message-ID']}\r\nMessage-ID: <reply-1@mail.example.com>\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\n还是没收到货。\r\n"
    ).encode()
    assert take_in_mail(context, reply, "email:<reply-1@mail.example.com>", "test") == "threaded"
    with context.db.session() as session:
        directions = session.scalars(
            select(Message.direction).where(Message.ticket_id == ticket.id).order_by(Message.id)
        ).all()
    assert directions == ["inbound", "outbound", "inbound"]
    assert len(sink.received) == 1
