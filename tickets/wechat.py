"""The WeChat Official Account push protocol: signature, message XML, passive reply.

The signature is SHA-1 over the sorted token, timestamp and nonce. Messages are parsed with
defusedxml, which refuses entity expansion (a "billion laughs" payload) and external entities.
"""

import hashlib
import hmac
import time
from dataclasses import dataclass
from xml.etree.ElementTree import Element, SubElement, tostring

from defusedxml import ElementTree as SafeElementTree
from defusedxml.common import DefusedXmlException

from tickets.errors import TousuError


def signature(token: str, timestamp: str, nonce: str) -> str:
    return hashlib.sha1("".join(sorted([token, timestamp, nonce])).encode()).hexdigest()


def signature_valid(token: str, timestamp: str, nonce: str, given: str) -> bool:
    return hmac.compare_digest(signature(token, timestamp, nonce), given or "")


@dataclass(frozen=True)
class WeChatMessage:
    to_user: str  # the official account
    from_user: str  # the customer's openid
    create_time: str
    msg_type: str  # text, voice, event, image, ...
    content: str | None  # text content, or the voice recognition result
    msg_id: str | None
    event: str | None

    @property
    def external_key(self) -> str:
        if self.msg_id:
            return f"wechat:{self.msg_id}"
        return f"wechat:event:{self.from_user}:{self.create_time}:{self.event or self.msg_type}"


def parse_message(body: bytes) -> WeChatMessage:
    try:
        root = SafeElementTree.fromstring(body, forbid_dtd=True)
    except (DefusedXmlException, SafeElementTree.ParseError) as error:
        raise TousuError(
            "wechat-xml",
            f"the push body is not safe, well-formed XML ({type(error).__name__}: {error}).",
            "send the XML WeChat documents for message pushes, without a DTD or entities.",
        ) from None

    def field(name: str) -> str | None:
        node = root.find(name)
        return node.text.strip() if node is not None and node.text else None

    msg_type = field("MsgType")
    from_user, to_user = field("FromUserName"), field("ToUserName")
    if not (msg_type and from_user and to_user):
        raise TousuError(
            "wechat-fields",
            "the push lacks MsgType, FromUserName or ToUserName.",
            "send a complete WeChat message push.",
        )
    content = field("Recognition") if msg_type == "voice" else field("Content")
    return WeChatMessage(
        to_user=to_user,
        from_user=from_user,
        create_time=field("CreateTime") or "",
        msg_type=msg_type,
        content=content,
        msg_id=field("MsgId"),
        event=field("Event"),
    )


def text_reply(message: WeChatMessage, content: str) -> str:
    """A passive text reply: To and From swapped."""
    root = Element("xml")
    for name, value in (
        ("ToUserName", message.from_user),
        ("FromUserName", message.to_user),
        ("CreateTime", str(int(time.time()))),
        ("MsgType", "text"),
        ("Content", content),
    ):
        SubElement(root, name).text = value
    return tostring(root, encoding="unicode")
