"""E-mail from a real IMAP server (Dovecot) to stored tickets (target >= 100 per second).

Delivers 1,000 complaint mails (online-shopping reviews) into a fresh mailbox, then times one
`fetch_mailbox` run: header fetch, body fetch, parsing, masking, entity extraction,
classification, routing, storing and flagging, one message at a time.
"""

import tempfile
import time
from pathlib import Path

from common import REPOSITORY, online_shopping

from models.bundle import load_bundle
from pipeline.intake import IntakeContext
from pipeline.sources.email_imap import MailboxSettings, fetch_mailbox
from tests.imap_server import imap_server
from tests.pipeline.messy_mail import plain
from tickets.creation import Intake
from tickets.db import Database

N = int(__import__("os").environ.get("N", "1000"))


def main() -> None:
    intake = Intake.from_settings()
    reviews = [row["review"][:2000] for row in online_shopping()[:N]]
    with tempfile.TemporaryDirectory() as folder, imap_server() as server:
        server.deliver(*(plain(i, text, f"c{i}@example.com") for i, text in enumerate(reviews)))
        context = IntakeContext(
            Database(f"sqlite:///{Path(folder) / 'tousu.db'}"),
            load_bundle(REPOSITORY / "var/models/default"),
            intake,
        )
        settings = MailboxSettings(
            host=server.host, port=server.port, user=server.user, password=server.password
        )
        started = time.perf_counter()
        counts = fetch_mailbox(context, settings)
        seconds = time.perf_counter() - started
        again = fetch_mailbox(context, settings)
    print(f"{N} mails, one mailbox, SQLite: {counts}")
    print(f"rate: {counts['created'] / seconds:,.0f} e-mails/s to stored tickets   (target >= 100)")
    print(f"second fetch of the same mailbox: {again}")


if __name__ == "__main__":
    main()
