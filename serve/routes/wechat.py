"""WeChat Official Account push: URL verification and message pushes.

A message is stored raw first (deduplicated on MsgId: WeChat retries three times when it gets
no answer within 5 s), then classified and turned into a ticket; the passive reply tells the
customer the ticket number and the response deadline. A message that says nothing of its own
(你好, 在吗, 谢谢: the model's content-free rule) opens no ticket: it joins the customer's open
ticket if there is one, and is otherwise answered with a request to describe the problem. A
message with content joins the customer's open ticket when that ticket waits for their answer,
or when they wrote to it minutes ago and nobody has answered: a complaint typed in several
messages is one ticket (`tickets.bursts`). A push that cannot be parsed is quarantined with its
error.
"""

from datetime import UTC, datetime
from functools import lru_cache
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import PlainTextResponse, Response
from pydantic_settings import BaseSettings, SettingsConfigDict
from starlette.concurrency import run_in_threadpool

from models.bundle import ModelBundle
from models.features import ComplaintText
from serve.dependencies import AuthError, BundleDep, DatabaseDep, IntakeBatcherDep
from serve.intake_batcher import IntakeBatcher
from tickets import bursts, raw_messages, store, threads, wechat
from tickets.db import Database
from tickets.errors import TousuError
from tickets.sla import desk_time
from tickets.tables import Ticket

router = APIRouter(prefix="/v1/channels/wechat", tags=["channels"])
WELCOME = "欢迎关注！直接发送文字描述您遇到的问题，我们会为您登记投诉并尽快处理。"
TEXT_ONLY = "目前只能受理文字或语音消息，请用文字描述您的问题。"
DESCRIBE_PLEASE = (
    "您好！请直接发送文字描述您遇到的问题（如订单号、经过），我们会为您登记并尽快处理。"
)
STILL_OPEN = "收到。您的工单 {number} 正在处理中，有进展会及时通知您。"
ADDED = "收到，已补充到您的工单 {number}，处理人员会一并查看。"


class WeChatSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TOUSU_WECHAT_", env_file=".env", extra="ignore")

    token: str | None = None


@lru_cache(maxsize=1)
def _token() -> str | None:
    """Read once per process, not for every push."""
    return WeChatSettings().token


def _check_signature(timestamp: str, nonce: str, signature: str) -> None:
    token = _token()
    if not token:
        raise AuthError(
            "wechat-not-configured",
            "the WeChat channel has no token.",
            "set TOUSU_WECHAT_TOKEN to the token configured in the Official Account console.",
            503,
        )
    if not wechat.signature_valid(token, timestamp, nonce, signature):
        raise AuthError(
            "wechat-signature",
            "the signature does not match the token, timestamp and nonce.",
            "sign pushes with the Official Account's token (SHA-1 of the sorted values).",
            403,
        )


Signed = Annotated[str, Query(max_length=100)]


@router.get("", response_class=PlainTextResponse)
def verify(signature: Signed, timestamp: Signed, nonce: Signed, echostr: Signed) -> str:
    """The server URL check: echo `echostr` when the signature is right."""
    _check_signature(timestamp, nonce, signature)
    return echostr


@router.post("", response_class=Response)
async def push(
    request: Request,
    signature: Signed,
    timestamp: Signed,
    nonce: Signed,
    database: DatabaseDep,
    batcher: IntakeBatcherDep,
    bundle: BundleDep,
) -> Response:
    """A message push: stored, turned into a ticket, answered with the ticket number."""
    _check_signature(timestamp, nonce, signature)
    body = await request.body()
    return await run_in_threadpool(_handle, body, f"{timestamp}:{nonce}", database, batcher, bundle)


def _handle(
    body: bytes, arrival: str, database: Database, batcher: IntakeBatcher, bundle: ModelBundle
) -> Response:
    try:
        message = wechat.parse_message(body)
    except TousuError as error:
        payload = body[:100_000].decode("utf-8", "replace")
        stored = raw_messages.store_raw(database, "wechat", f"wechat:unparsed:{arrival}", payload)
        raw_messages.mark(database, stored.id, raw_messages.QUARANTINED, error=error.message)
        raise
    stored = raw_messages.store_raw(database, "wechat", message.external_key, body.decode())
    reply = _answer(message, stored, database, batcher, bundle)
    if reply is None:
        return PlainTextResponse("success")
    return Response(wechat.text_reply(message, reply), media_type="application/xml")


def _answer(
    message: wechat.WeChatMessage,
    stored: raw_messages.Stored,
    database: Database,
    batcher: IntakeBatcher,
    bundle: ModelBundle,
) -> str | None:
    """The reply to send, after the message became (or joined) a ticket."""
    if message.msg_type == "event":
        raw_messages.mark(database, stored.id, raw_messages.PROCESSED)
        return WELCOME if message.event == "subscribe" else None
    if message.msg_type not in ("text", "voice") or not message.content:
        raw_messages.mark(database, stored.id, raw_messages.PROCESSED)
        return TEXT_ONLY
    number = None if stored.new else stored.ticket_number
    if number is None:
        if bundle.classifier.says_nothing(ComplaintText(message.content)):
            return _nothing_to_file(message, stored, database)
        joined = _join_open_ticket(message, stored, database, batcher, bundle)
        if joined is not None:
            return joined
        number = _ticket_for(database, batcher, message, stored.id)
    ticket = store.get_ticket(database, number)
    if ticket.messages and ticket.messages[0].external_key != message.external_key:
        return ADDED.format(number=number)  # WeChat's retry of a message that joined a ticket
    return _acknowledgement(ticket)


def _join_open_ticket(
    message: wechat.WeChatMessage,
    stored: raw_messages.Stored,
    database: Database,
    batcher: IntakeBatcher,
    bundle: ModelBundle,
) -> str | None:
    """The reply when the message belongs to the customer's open ticket: an answer to a ticket
    that waits for them, or the next part of a complaint they are still typing
    (`tickets.bursts`); None when it is a complaint of its own."""
    number = bursts.add_to_open_ticket(
        database,
        bundle,
        batcher.intake,
        "wechat",
        _account(message),
        message.external_key,
        message.content or "",
        lambda ticket: bursts.still_telling(database, ticket, datetime.now(UTC)),
    )
    if number is None:
        return None
    raw_messages.mark(database, stored.id, raw_messages.PROCESSED, number)
    return ADDED.format(number=number)


def _nothing_to_file(
    message: wechat.WeChatMessage, stored: raw_messages.Stored, database: Database
) -> str:
    """A greeting or a thank-you: kept on the customer's open ticket, or a request to say what
    the problem is; no ticket of its own."""
    account = _account(message)
    open_ticket = store.open_ticket_of(database, "wechat", account)
    if open_ticket is None or open_ticket.number is None:
        raw_messages.mark(database, stored.id, raw_messages.PROCESSED)
        return DESCRIBE_PLEASE
    content = message.content or ""
    threads.add_reply(database, open_ticket.id, message.external_key, "wechat", account, content)
    raw_messages.mark(database, stored.id, raw_messages.PROCESSED, open_ticket.number)
    return STILL_OPEN.format(number=open_ticket.number)


def _account(message: wechat.WeChatMessage) -> str:
    return f"wechat:{message.from_user}"


def process_again(
    raw_id: int, body: bytes, database: Database, batcher: IntakeBatcher, bundle: ModelBundle
) -> None:
    """A quarantined push, released by an operator, processed once more (quarantined again,
    with the new error, if it still fails)."""
    try:
        message = wechat.parse_message(body)
    except TousuError as error:
        raw_messages.mark(database, raw_id, raw_messages.QUARANTINED, error=error.message)
        raise
    stored = raw_messages.store_raw(database, "wechat", message.external_key, body.decode())
    _answer(message, stored, database, batcher, bundle)
    raw_messages.mark(database, raw_id, raw_messages.PROCESSED)


def _ticket_for(
    database: Database, batcher: IntakeBatcher, message: wechat.WeChatMessage, raw_id: int
) -> str:
    text = message.content or ""
    new = store.NewTicket(
        channel="wechat",
        text=text,
        customer=store.Customer(account=_account(message)),
        message_key=message.external_key,
    )
    try:
        ticket, _ = batcher.create_waiting(new, "wechat")
    except Exception as error:
        raw_messages.mark(database, raw_id, raw_messages.QUARANTINED, error=repr(error))
        raise
    raw_messages.mark(database, raw_id, raw_messages.PROCESSED, ticket.number)
    assert ticket.number is not None
    return ticket.number


def _acknowledgement(ticket: Ticket) -> str:
    due = ticket.first_response_due
    when = f"，我们将在{desk_time(due):%m月%d日 %H:%M}前回复您" if due else ""
    return f"您的投诉已受理，工单号 {ticket.number}{when}。"
