"""One e-mail, read the way a complaint desk needs it.

Headers are decoded (RFC 2047); each text part is decoded with its declared charset unless that
charset is missing or wrong, which is detected (GB2312, GBK, GB18030, Big5 and UTF-8 among the
candidates) instead of turning into mojibake. HTML-only mail becomes text. Quoted replies and
signatures are cut off (`> ` lines, `-----原始邮件-----`, `在 … 写道：`, `On … wrote:`), so
a reply carries only what the customer added. A forwarded mail carries the forwarded message
and its writer instead (`pipeline.forwards`), also when the message came attached whole
(message/rfc822, "forward as attachment"). Attachments are listed by name and size.
"""

import email
import email.policy
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage, Message
from html.parser import HTMLParser

from charset_normalizer import from_bytes

from models.boilerplate import strip_quoted
from pipeline.forwards import Forwarded, read_forward
from pipeline.senders import name_and_address

CANDIDATE_CHARSETS = ("utf_8", "gb18030", "big5")
SINGLE_BYTE = re.compile(r"^(us-)?ascii$|^iso[-_]?8859|^latin|^(windows|cp)[-_]?125\d$", re.I)


@dataclass
class Attachment:
    name: str
    size: int
    content_type: str
    content: bytes = field(default=b"", repr=False)


@dataclass
class ParsedMail:
    message_id: str | None
    in_reply_to: list[str]
    subject: str
    from_name: str | None
    from_address: str | None
    text: str
    attachments: list[Attachment] = field(default_factory=list)
    charset_corrected: bool = False  # a declared charset was wrong or missing


HTML_BLOCKS = frozenset(
    {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "blockquote", "table"}
)


class _TextOfHtml(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "head"):
            self.skip += 1
        elif tag in HTML_BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head"):
            self.skip = max(0, self.skip - 1)
        elif tag in HTML_BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    parser = _TextOfHtml()
    parser.feed(markup)
    parser.close()
    text = html.unescape("".join(parser.parts)).replace("\xa0", " ")
    return re.sub(r"\n\s*\n+", "\n", re.sub(r"[ \t]+", " ", text)).strip()


def decode_bytes(payload: bytes, declared: str | None) -> tuple[str, bool]:
    """The text of `payload`, and whether the declared charset had to be corrected."""
    declared = (declared or "").lower() or None
    if declared and not (SINGLE_BYTE.match(declared) and not payload.isascii()):
        try:
            text = payload.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
        else:
            if declared.replace("-", "_") in ("utf_8", "utf8") or payload.isascii():
                return text, False
            better = _better_reading(payload, declared)
            return (text, False) if better is None else (better, True)
    if payload.isascii():
        return payload.decode("ascii"), declared not in (None, "us-ascii", "ascii")
    best = from_bytes(payload, cp_isolation=list(CANDIDATE_CHARSETS)).best()
    if best is None:
        return payload.decode("gb18030", errors="replace"), True
    return str(best), True


def _better_reading(payload: bytes, declared: str) -> str | None:
    """Another candidate charset's reading of `payload` when it is clearly better than the
    declared one's (a Big5 mail declared as GB2312 still decodes, into nonsense), else None."""
    results = from_bytes(payload, cp_isolation=[declared, *CANDIDATE_CHARSETS])
    best = results.best()
    if best is None:
        return None
    mine = [r for r in results if r.encoding.replace("-", "_") == declared.replace("-", "_")]
    return str(best) if not mine or mine[0].chaos > best.chaos + 0.1 else None


def _own_parts(message: Message) -> Iterator[Message]:
    """The message's parts, without descending into a mail attached to it (message/rfc822)."""
    yield message
    if message.is_multipart() and message.get_content_type() != "message/rfc822":
        for part in message.get_payload():
            assert isinstance(part, Message)
            yield from _own_parts(part)


def _attached_mails(message: Message) -> list[EmailMessage]:
    """The mails attached whole to this one ("forward as attachment")."""
    found = []
    for part in _own_parts(message):
        if part.get_content_type() == "message/rfc822" and part.is_multipart():
            inner = part.get_payload(0)
            assert isinstance(inner, EmailMessage)
            found.append(inner)
    return found


def _text_of(message: Message) -> tuple[str, bool]:
    plain: list[str] = []
    markup: list[str] = []
    corrected = False
    for part in _own_parts(message):
        if part.is_multipart() or part.get_content_disposition() == "attachment":
            continue
        if part.get_content_type() not in ("text/plain", "text/html"):
            continue
        payload = part.get_payload(decode=True) or b""
        assert isinstance(payload, bytes)
        text, fixed = decode_bytes(payload, part.get_content_charset())
        corrected |= fixed
        (plain if part.get_content_type() == "text/plain" else markup).append(text)
    if plain:
        return "\n".join(plain), corrected
    return "\n".join(html_to_text(m) for m in markup), corrected


def _attachments(message: Message) -> list[Attachment]:
    found = []
    for part in message.walk():
        name = part.get_filename()
        if part.is_multipart() or not (name or part.get_content_disposition() == "attachment"):
            continue
        payload = part.get_payload(decode=True) or b""
        assert isinstance(payload, bytes)
        found.append(
            Attachment(name or "(unnamed)", len(payload), part.get_content_type(), payload)
        )
    return found


def _ids(value: str | None) -> list[str]:
    return re.findall(r"<[^<>\s]+>", value or "")


def parse_mail(raw: bytes) -> ParsedMail:
    return _parse_message(email.message_from_bytes(raw, policy=email.policy.default))


def _parse_message(message: EmailMessage) -> ParsedMail:
    text, corrected = _text_of(message)
    header = str(message.get("From", "") or message.get("Sender", "") or "")
    name, address = name_and_address(header)
    subject = str(message.get("Subject", "") or "").strip()
    forward = read_forward(text, subject)
    # an inline forward is the message; mails attached beside it are then only attachments
    attached = [] if forward else [_parse_message(mail) for mail in _attached_mails(message)]
    corrected |= any(mail.charset_corrected for mail in attached)
    if forward is None and len(attached) == 1:
        # forwarded as an attachment: the attached mail is the customer's, read as any mail
        inner = attached[0]
        forward = Forwarded(
            strip_quoted(text), inner.text, inner.from_name, inner.from_address, inner.subject
        )
    if forward is None:
        # several mails attached whole are all read; the sender stays the contact
        parts = (strip_quoted(text), *(mail.text for mail in attached))
        body = "\n\n".join(part for part in parts if part)
    else:
        body = "\n\n".join(part for part in (forward.note, forward.text) if part)
        subject = forward.subject or subject
        # the customer is who wrote the forwarded message, not the colleague who forwarded it;
        # when the forward names no address, the sender's is worth more than a name alone
        if forward.sender_address is not None:
            name, address = forward.sender_name or "", forward.sender_address
    message_id = _ids(str(message.get("Message-ID", "")))
    return ParsedMail(
        message_id=message_id[0] if message_id else None,
        in_reply_to=_ids(str(message.get("In-Reply-To", "")))
        + _ids(str(message.get("References", ""))),
        subject=subject,
        from_name=name or None,
        from_address=address.lower() or None,
        text=body,
        attachments=_attachments(message),
        charset_corrected=corrected,
    )
