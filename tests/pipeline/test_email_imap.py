"""E-mail intake against a real IMAP server (Dovecot): nothing lost, nothing doubled,
nothing stuck, also across a dropped connection and a killed process."""

import imaplib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from models.bundle import load_bundle
from pipeline.intake import IntakeContext
from pipeline.sources import email_imap
from pipeline.sources.email_imap import MailboxSettings, fetch_mailbox
from tests.imap_server import ImapServer, imap_server
from tests.pipeline import messy_mail
from tickets import attachments, channels, raw_messages
from tickets.creation import Intake
from tickets.db import Database
from tickets.paths import get_path_settings
from tickets.tables import AttachmentRecord, Message, Ticket

TOUSU = str(Path(sys.executable).parent / "tousu")


@pytest.fixture
def server() -> Iterator[ImapServer]:
    with imap_server() as running:
        yield running


@pytest.fixture
def context(tmp_path: Path, bundle_dir: Path, intake: Intake) -> IntakeContext:
    return IntakeContext(
        Database(f"sqlite:///{tmp_path / 'desk.db'}"), load_bundle(bundle_dir), intake
    )


def mailbox(server: ImapServer, **overrides: object) -> MailboxSettings:
    return MailboxSettings(
        host=server.host,
        port=server.port,
        user=server.user,
        password=server.password,
        **overrides,  # type: ignore[arg-type]
    )


def count(context: IntakeContext, table: type) -> int:
    with context.db.session() as session:
        return int(session.scalar(select(func.count()).select_from(table)) or 0)


def test_messy_mailbox_fetched_twice_gives_each_ticket_once(
    server: ImapServer, context: IntakeContext
) -> None:
    server.deliver(
        messy_mail.gbk_subject(),
        messy_mail.big5_body(),
        messy_mail.wrong_charset(),
        messy_mail.html_only(),
        messy_mail.forwarded(),
        messy_mail.forwarded_as_attachment(),
        messy_mail.winmail_dat(),
        messy_mail.no_sender(),
    )
    first = fetch_mailbox(context, mailbox(server))
    assert first["created"] == 8 and first["quarantined"] == 0
    again = fetch_mailbox(context, mailbox(server))
    assert again["fetched"] == 0 and again["created"] == 0
    # a lost checkpoint (or a new UIDVALIDITY) refetches everything: still no duplicates
    channels.save_checkpoint(context.db, mailbox(server).channel_name, {})
    refetch = fetch_mailbox(context, mailbox(server))
    assert refetch["duplicate"] == 8 and count(context, Ticket) == 8
    with context.db.session() as session:
        texts = session.scalars(select(Ticket.text)).all()
    assert any("客服态度很差" in t for t in texts)  # the wrongly declared charset, readable
    with context.db.session() as session:
        forwarded = session.scalars(select(Ticket).where(Ticket.text.contains("洗衣机"))).one()
        attached = session.scalars(select(Ticket).where(Ticket.text.contains("热水器"))).one()
    # the ticket of a forwarded mail is the customer's, not the colleague's who forwarded it,
    # also when the customer's mail came attached whole
    assert forwarded.customer_email == "kehu@example.com"
    assert attached.customer_email == "wang.ns@example.com" and attached.subject == "热水器不出热水"
    connection = server.client()
    connection.select("INBOX")
    _, flagged = connection.uid("SEARCH", "KEYWORD", email_imap.DONE_FLAG)
    assert len(flagged[0].split()) == 8
    connection.logout()
    state = channels.all_states(context.db)[0]
    assert state.last_success and state.counts["created"] == 8


def test_replies_join_their_ticket_only_from_the_customer(
    server: ImapServer, context: IntakeContext
) -> None:
    server.deliver(messy_mail.gbk_subject())
    fetch_mailbox(context, mailbox(server))
    with context.db.session() as session:
        number = session.scalars(select(Ticket.number)).one()
    server.deliver(messy_mail.outlook_reply(number), messy_mail.foxmail_reply())
    counts = fetch_mailbox(context, mailbox(server))
    # Outlook reply from the customer joins; Foxmail reply quotes it but comes from someone else
    assert (counts["threaded"], counts["created"]) == (1, 1)
    with context.db.session() as session:
        original = session.scalars(select(Ticket).where(Ticket.number == number)).one()
        texts = session.scalars(select(Message.text).where(Message.ticket_id == original.id)).all()
        other = session.scalars(select(Ticket).where(Ticket.number != number)).one()
    assert texts[-1] == "我又等了三天，还是没有人联系我。"
    assert other.related_number == number


def test_oversized_mail_is_quarantined_once_and_the_batch_goes_on(
    server: ImapServer, context: IntakeContext
) -> None:
    server.deliver(
        messy_mail.plain(1, "洗发水是假货"), messy_mail.huge(), messy_mail.plain(2, "快递丢了")
    )
    counts = fetch_mailbox(context, mailbox(server, size_limit=5 * 1024 * 1024))
    assert (counts["created"], counts["quarantined"]) == (2, 1)
    kept = raw_messages.quarantined(context.db, "email")
    assert len(kept) == 1 and "over the" in (kept[0].error or "")
    channels.save_checkpoint(context.db, mailbox(server).channel_name, {})
    again = fetch_mailbox(context, mailbox(server, size_limit=5 * 1024 * 1024))
    # known from the headers: nothing is downloaded again, the big one least of all
    assert (again["fetched"], again["duplicate"], again["quarantined"]) == (0, 3, 0)


def test_dropped_connection_mid_batch_loses_and_doubles_nothing(
    server: ImapServer, context: IntakeContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    server.deliver(*(messy_mail.plain(i, f"第{i}个投诉：商品质量太差") for i in range(10)))
    real_bodies = email_imap._bodies
    calls: list[list[int]] = []

    def dropping(connection: imaplib.IMAP4, uids: list[int]) -> dict[int, bytes]:
        calls.append(uids)
        if len(calls) == 3:
            connection.shutdown()  # the server connection is gone mid-batch
        return real_bodies(connection, uids)

    monkeypatch.setattr(email_imap, "BODY_BATCH", 3)
    monkeypatch.setattr(email_imap, "_bodies", dropping)
    with pytest.raises((imaplib.IMAP4.error, OSError)):
        fetch_mailbox(context, mailbox(server))
    assert channels.all_states(context.db)[0].last_error
    assert count(context, Ticket) == 6  # two batches of three made it
    monkeypatch.setattr(email_imap, "_bodies", real_bodies)
    fetch_mailbox(context, mailbox(server))
    assert count(context, Ticket) == 10


def test_killed_intake_process_resumes_without_losses_or_duplicates(
    server: ImapServer, tmp_path: Path, bundle_dir: Path
) -> None:
    server.deliver(*(messy_mail.plain(i, f"投诉{i}：空调不制冷，要求维修") for i in range(40)))
    environment = {
        **os.environ,
        "TOUSU_HOME": str(tmp_path),
        **server.environment(),
    }
    command = [TOUSU, "fetch-mail", "--bundle", str(bundle_dir)]
    database = Database(f"sqlite:///{tmp_path / 'tousu.db'}")
    process = subprocess.Popen(command, env=environment, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with database.session() as session:
            made = int(session.scalar(select(func.count()).select_from(Ticket)) or 0)
        if made >= 5:
            break
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert 5 <= made < 40, "the kill should land mid-batch"
    finished = subprocess.run(command, env=environment, capture_output=True, text=True)
    assert finished.returncode == 0, finished.stderr
    with database.session() as session:
        keys = session.scalars(select(Ticket.idempotency_key)).all()
    assert len(keys) == 40 and len(set(keys)) == 40


def test_unusable_mail_is_quarantined_kept_masked_and_can_be_retried(
    server: ImapServer, context: IntakeContext
) -> None:
    empty = b"From: a@example.com\r\nMessage-ID: <empty@x>\r\nSubject: \r\n\r\n   \r\n"
    with_id = messy_mail.plain(7, "身份证11010519491231002X，手机坏了")
    server.deliver(empty, with_id)
    counts = fetch_mailbox(context, mailbox(server))
    assert (counts["created"], counts["quarantined"]) == (1, 1)
    [kept] = raw_messages.quarantined(context.db, "email")
    assert kept.error == "the mail has no text and no subject"
    with context.db.engine.connect() as connection:
        stored = " ".join(str(r) for r in connection.exec_driver_sql("SELECT * FROM raw_message"))
    assert "11010519491231002X" not in stored
    raw_messages.release(context.db, kept.id)
    channels.save_checkpoint(context.db, mailbox(server).channel_name, {})
    again = fetch_mailbox(context, mailbox(server))
    assert (again["fetched"], again["quarantined"], again["duplicate"]) == (1, 1, 1)


def test_attachments_are_recorded_and_kept_within_the_limit(
    server: ImapServer, context: IntakeContext, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TOUSU_HOME", str(tmp_path))
    get_path_settings.cache_clear()
    try:
        monkeypatch.setenv("TOUSU_ATTACHMENT_MAX_BYTES", "100")
        server.deliver(messy_mail.winmail_dat())  # a 204-byte winmail.dat: over the limit
        fetch_mailbox(context, mailbox(server))
        with context.db.session() as session:
            [record] = session.scalars(select(AttachmentRecord)).all()
        assert (record.name, record.size, record.sha256) == ("winmail.dat", 204, None)
        monkeypatch.setenv("TOUSU_ATTACHMENT_MAX_BYTES", "1000")
        photo = [("photo.jpg", "image/jpeg", b"\xff\xd8 a photo")]
        [kept] = attachments.keep(context.db, record.ticket_id, "email:<photo@x>", photo)
        assert kept.sha256 is not None
        stored = attachments.folder() / kept.sha256[:2] / kept.sha256
        assert stored.read_bytes() == b"\xff\xd8 a photo"
        again = attachments.keep(context.db, record.ticket_id, "email:<photo@x>", photo)
        assert [a.id for a in again] == [kept.id]  # the same message is recorded once
    finally:
        get_path_settings.cache_clear()
