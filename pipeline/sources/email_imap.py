"""E-mail over IMAP: new mail since the checkpoint, each message processed exactly once.

The checkpoint is (UIDVALIDITY, last UID) per mailbox. Headers come first (size and
Message-ID), so mail already taken in is skipped without downloading it, and a mail over the
size limit is quarantined from its headers alone, never fetched again. A message is flagged
(\\Seen and the `$TousuDone` keyword) only after its ticket is committed, and the checkpoint
moves after each message: a crash or a dropped connection at any point is repaired by the next
run (the raw-message key makes processing a no-op for what was already done).
"""

import contextlib
import imaplib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from pydantic_settings import BaseSettings, SettingsConfigDict

from pipeline.intake import IntakeContext, take_in_mail
from tickets import channels, raw_messages

DONE_FLAG = "$TousuDone"
HEADER_BATCH = 500
BODY_BATCH = 20


class MailboxSettings(BaseSettings):
    """TOUSU_IMAP_HOST, TOUSU_IMAP_PORT, TOUSU_IMAP_USER, ... ."""

    model_config = SettingsConfigDict(env_prefix="TOUSU_IMAP_", env_file=".env", extra="ignore")

    host: str = "127.0.0.1"
    port: int = 143
    user: str = ""
    password: str = ""
    mailbox: str = "INBOX"
    ssl: bool = False
    size_limit: int = 25 * 1024 * 1024

    @property
    def channel_name(self) -> str:
        return f"email:{self.user}@{self.host}:{self.port}/{self.mailbox}"


@dataclass(frozen=True)
class Header:
    uid: int
    size: int
    message_id: str | None


def _connect(settings: MailboxSettings) -> imaplib.IMAP4:
    kind = imaplib.IMAP4_SSL if settings.ssl else imaplib.IMAP4
    connection = kind(settings.host, settings.port, timeout=30)
    connection.login(settings.user, settings.password)
    return connection


def _uidvalidity(connection: imaplib.IMAP4, mailbox: str) -> int:
    status, _ = connection.select(f'"{mailbox}"')
    if status != "OK":
        raise imaplib.IMAP4.error(f"cannot open mailbox {mailbox}")
    response = connection.response("UIDVALIDITY")[1]
    return int(response[0]) if response and response[0] else 0


def _headers(connection: imaplib.IMAP4, uids: list[int]) -> Iterator[Header]:
    for start in range(0, len(uids), HEADER_BATCH):
        chunk = ",".join(map(str, uids[start : start + HEADER_BATCH]))
        _, data = connection.uid(
            "FETCH", chunk, "(RFC822.SIZE BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])"
        )
        for item in data:
            if not isinstance(item, tuple):
                continue
            meta, header = item[0].decode(), item[1]
            uid = int(re.search(r"UID (\d+)", meta).group(1))  # type: ignore[union-attr]
            size = int(re.search(r"RFC822\.SIZE (\d+)", meta).group(1))  # type: ignore[union-attr]
            found = re.search(rb"<[^<>\s]+>", header or b"")
            yield Header(uid, size, found.group().decode("ascii", "replace") if found else None)


def _bodies(connection: imaplib.IMAP4, uids: list[int]) -> dict[int, bytes]:
    """Full messages by UID, in one round trip."""
    if not uids:
        return {}
    _, data = connection.uid("FETCH", ",".join(map(str, uids)), "(BODY.PEEK[])")
    bodies = {}
    for item in data:
        if isinstance(item, tuple):
            uid = re.search(rb"UID (\d+)", item[0])
            if uid:
                bodies[int(uid.group(1))] = bytes(item[1])
    return bodies


def message_key(header: Header, uidvalidity: int, settings: MailboxSettings) -> str:
    if header.message_id:
        return f"email:{header.message_id}"
    return f"email:{settings.channel_name}:{uidvalidity}:{header.uid}"


def fetch_mailbox(context: IntakeContext, settings: MailboxSettings) -> dict[str, int]:
    """Take in the new mail of one mailbox; the counts of what happened."""
    counts = {"fetched": 0, "created": 0, "threaded": 0, "duplicate": 0, "quarantined": 0}
    name = settings.channel_name
    try:
        connection = _connect(settings)
        try:
            _run(connection, context, settings, counts)
        finally:
            with contextlib.suppress(imaplib.IMAP4.error, OSError):
                connection.logout()
    except (imaplib.IMAP4.error, OSError) as error:
        channels.record_run(context.db, name, counts, error=f"{type(error).__name__}: {error}")
        raise
    channels.record_run(context.db, name, counts)
    return counts


def _run(
    connection: imaplib.IMAP4,
    context: IntakeContext,
    settings: MailboxSettings,
    counts: dict[str, int],
) -> None:
    name = settings.channel_name
    uidvalidity = _uidvalidity(connection, settings.mailbox)
    state = channels.checkpoint(context.db, name)
    last_uid = state.get("last_uid", 0) if state.get("uidvalidity") == uidvalidity else 0
    _, data = connection.uid("SEARCH", f"UID {last_uid + 1}:*")
    uids = sorted(u for u in map(int, (data[0] or b"").split()) if u > last_uid)
    headers = list(_headers(connection, uids))
    for start in range(0, len(headers), BODY_BATCH):
        batch = headers[start : start + BODY_BATCH]
        keys = {h.uid: message_key(h, uidvalidity, settings) for h in batch}
        finished = raw_messages.finished_keys(context.db, list(keys.values()))
        wanted = [
            h.uid for h in batch if keys[h.uid] not in finished and h.size <= settings.size_limit
        ]
        bodies = _bodies(connection, wanted)
        taken: list[int] = []
        for header in batch:
            key = keys[header.uid]
            if key in finished:
                counts["duplicate"] += 1
            elif header.size > settings.size_limit:
                _quarantine_oversized(context, key, header, settings)
                counts["quarantined"] += 1
            elif header.uid not in bodies:
                raise imaplib.IMAP4.error(f"message {header.uid} vanished while being fetched")
            else:
                counts["fetched"] += 1
                counts[take_in_mail(context, bodies[header.uid], key, name)] += 1
                taken.append(header.uid)
        if taken:  # flagged only once their tickets are committed
            connection.uid("STORE", ",".join(map(str, taken)), "+FLAGS", f"(\\Seen {DONE_FLAG})")
        channels.save_checkpoint(
            context.db, name, {"uidvalidity": uidvalidity, "last_uid": batch[-1].uid}
        )


def _quarantine_oversized(
    context: IntakeContext, key: str, header: Header, settings: MailboxSettings
) -> None:
    """Kept from its headers alone: it is never downloaded, now or on a later run."""
    stored = raw_messages.store_raw(
        context.db, "email", key, f"(not fetched: {header})", settings.channel_name
    )
    raw_messages.mark(
        context.db,
        stored.id,
        raw_messages.QUARANTINED,
        error=f"{header.size} bytes is over the {settings.size_limit}-byte limit",
    )
