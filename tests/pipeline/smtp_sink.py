"""A local SMTP server's handler that keeps what it receives (aiosmtpd)."""

import email
import email.policy

from aiosmtpd.smtp import Envelope, Session


class Sink:
    def __init__(self) -> None:
        self.received: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server: object, session: Session, envelope: Envelope) -> str:
        raw = envelope.original_content or b""
        self.received.append(email.message_from_bytes(raw, policy=email.policy.default))  # type: ignore[arg-type]
        return "250 OK"
