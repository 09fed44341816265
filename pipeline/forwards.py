"""A forwarded e-mail: the message inside it and who wrote that message.

A complaint desk forwards customers' mail into the intake inbox (Fwd: 空调漏水), with a note on
top or none. Cut like a reply, such a mail kept only the forwarder's note (帮我看看这个客户的问题)
or nothing, and named the colleague as the customer. The ticket needs the customer's message
and address; the note stays above the message, since it may say what matters (客户说要找媒体).

A mail is a forward when a line says so (---------- Forwarded message ---------, 转发的邮件,
Begin forwarded message:), or when a quoted message's header block (-----原始邮件-----, a rule of
underscores, 发件人：…) follows a subject that says so (FW:, 转发：) or nothing at all: a reply
has the customer's words above the quote, and its subject says 回复 or Re.
"""

import re
from dataclasses import dataclass, replace

from models.boilerplate import (
    SENDER_FIELDS,
    SUBJECT_FIELDS,
    is_sender_line,
    read_header_block,
    strip_quoted,
)
from pipeline.senders import name_and_address

FORWARD_SUBJECT = re.compile(r"^\s*(?:fw|fwd|转发|轉發)\s*[:：]", re.IGNORECASE)
REPLY_SUBJECT = re.compile(r"^\s*(?:re|回复|回覆|答复|答覆)\s*[:：]", re.IGNORECASE)
FORWARD_LINE = re.compile(
    r"^(?:-{2,}\s*(?:forwarded message|转发的邮件|轉發的郵件|转发邮件|轉發郵件)\s*-{2,}"
    r"|begin forwarded message:|(?:以下是)?(?:转发的邮件|轉發的郵件)[:：]?)$",
    re.IGNORECASE,
)
QUOTE_LINE = re.compile(
    r"^(?:-{2,}\s*(?:原始邮件|原始郵件|original message)\s*-{2,}|_{10,})$", re.IGNORECASE
)


@dataclass(frozen=True)
class Forwarded:
    note: str  # what the forwarder wrote above the forwarded message
    text: str  # the forwarded message, without its own quotes and signature
    sender_name: str | None
    sender_address: str | None
    subject: str | None


def _opens_forward(line: str, text_above: bool, subject: str) -> bool:
    if FORWARD_LINE.match(line):
        return True
    quoted = QUOTE_LINE.match(line) or is_sender_line(line)
    said_so = FORWARD_SUBJECT.match(subject) or not (text_above or REPLY_SUBJECT.match(subject))
    return bool(quoted and said_so)


def _name_and_address(value: str) -> tuple[str | None, str | None]:
    """发件人: "support"<support@example.com>; or 发件人：王丽 (a name alone)."""
    value = value.strip().rstrip(";；")
    if "@" not in value:
        return value.strip('"') or None, None
    name, address = name_and_address(value)
    return name or None, address.lower() or None


def _forward_start(lines: list[str], subject: str) -> int | None:
    """The line that opens the forwarded message, if any."""
    text_above = False
    for number, line in enumerate(lines):
        if _opens_forward(line.strip(), text_above, subject):
            return number
        text_above = text_above or bool(line.strip())
    return None


def read_forward(text: str, subject: str) -> Forwarded | None:
    """The forwarded message in a mail's text, or None when the mail forwards nothing."""
    lines = text.replace("\r\n", "\n").split("\n")
    start = _forward_start(lines, subject)
    if start is None:
        return None
    note = strip_quoted("\n".join(lines[:start]))
    position = start if is_sender_line(lines[start].strip()) else start + 1
    fields, position = read_header_block(lines, position)
    sender = next((fields[name] for name in SENDER_FIELDS if name in fields), "")
    inner_subject = next((fields[name] for name in SUBJECT_FIELDS if name in fields), None)
    rest = "\n".join(lines[position:])
    body = strip_quoted(rest)
    if not body:  # a forward of a forward: the message is one level further down
        inner = read_forward(rest, inner_subject or subject)
        if inner is not None:
            return replace(inner, note=note)
    name, address = _name_and_address(sender)
    return Forwarded(note, body, name, address, inner_subject or None)
