"""Weibo: mentions and comments addressed to the company account, polled since a checkpoint.

Uses `2/statuses/mentions.json` and `2/comments/mentions.json` (parameters `since_id`, `count`,
`page`; items newest first; ids as `idstr`, 64-bit). Items are taken in oldest first and the
`since_id` checkpoint moves after each, so an interrupted run resumes where it stopped. Rate
limits (HTTP 429 or error 10004) are waited out with exponential backoff; an expired token
(21327) stops the run with a message that says how to renew it. A repost's ticket carries the
post it repeats (`post_text`).

A complaint typed in several comments under one post (快递一周没到 / 订单号… / 客服也不回) is one
ticket: a comment goes on with the customer's open ticket when its last part is a comment under
the same post, written less than `bursts.BURST` before, and nobody has answered (`next_part_of`).
Mentions are posts of their own: each is a ticket, unless the ticket waits for the customer.
"""

import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import httpx
from pydantic_settings import BaseSettings, SettingsConfigDict

from pipeline.intake import IntakeContext, take_in_post
from tickets import bursts, channels, raw_messages, store
from tickets.db import Database
from tickets.errors import TousuError
from tickets.tables import Ticket

KINDS = {"statuses": "2/statuses/mentions.json", "comments": "2/comments/mentions.json"}
# the label in front of the post a mention repeats; models.form_fields takes it off the features
ORIGINAL_LABEL = "原微博："
# what Weibo puts in place of a post that is gone or hidden: 抱歉，此微博已被作者删除。
UNAVAILABLE = re.compile(r"抱歉，.{0,30}(删除|不可见|查看权限|无法查看)")
CREATED_AT = "%a %b %d %H:%M:%S %z %Y"  # Fri Nov 22 10:15:03 +0800 2024
OUTCOMES = ("fetched", "created", "joined", "duplicate", "quarantined")  # a poll's counts
RATE_LIMITED = 10004
TOKEN_EXPIRED = 21327


class WeiboSettings(BaseSettings):
    """TOUSU_WEIBO_BASE_URL, TOUSU_WEIBO_TOKEN, TOUSU_WEIBO_ACCOUNT, ... ."""

    model_config = SettingsConfigDict(env_prefix="TOUSU_WEIBO_", env_file=".env", extra="ignore")

    base_url: str = "https://api.weibo.com"
    token: str = ""
    account: str = "company"
    count: int = 50
    max_pages: int = 20
    retries: int = 5
    backoff_seconds: float = 2.0

    def channel_name(self, kind: str) -> str:
        return f"weibo:{self.account}:{kind}"


@dataclass(frozen=True)
class Post:
    kind: str
    id: int
    text: str
    author: str | None
    author_id: str | None
    raw: dict[str, Any]

    @property
    def key(self) -> str:
        return f"weibo:{self.kind}:{self.id}"

    @property
    def thread(self) -> str | None:
        """The post a comment sits under; None for a mention."""
        return _thread(self.raw) if self.kind == "comments" else None

    @property
    def written_at(self) -> datetime | None:
        return _written_at(self.raw)


def _thread(item: dict[str, Any]) -> str | None:
    return _id_of(item.get("status") or {})


def _written_at(item: dict[str, Any]) -> datetime | None:
    try:
        return datetime.strptime(item.get("created_at") or "", CREATED_AT)
    except ValueError:
        return None


def next_part_of(db: Database, post: Post) -> Callable[[Ticket], bool]:
    """Whether `post` goes on with a ticket: a comment under the same post as the ticket's last
    part, written within `bursts.BURST` after it, that nobody has answered."""

    def continues(ticket: Ticket) -> bool:
        if post.thread is None or post.written_at is None:
            return False
        last = bursts.last_unanswered(db, ticket)
        payload = last and last.external_key and raw_messages.payload_of(db, last.external_key)
        if not payload:
            return False
        item = json.loads(payload)
        written = _written_at(item)
        return (
            _thread(item) == post.thread
            and written is not None
            and timedelta(0) <= post.written_at - written <= bursts.BURST
        )

    return continues


class WeiboError(TousuError):
    pass


def _get(client: httpx.Client, path: str, params: dict[str, Any], settings: WeiboSettings) -> Any:
    """One API call, waiting out rate limits."""
    for attempt in range(settings.retries + 1):
        response = client.get(path, params={**params, "access_token": settings.token})
        body = response.json() if response.content else {}
        code = body.get("error_code") if isinstance(body, dict) else None
        if response.status_code == 429 or code == RATE_LIMITED:
            if attempt == settings.retries:
                break
            wait = float(
                response.headers.get("Retry-After") or settings.backoff_seconds * 2**attempt
            )
            time.sleep(wait)
            continue
        if code == TOKEN_EXPIRED:
            raise WeiboError(
                "weibo-token-expired",
                f"Weibo says the access token has expired ({body.get('error')}).",
                "renew the token of the company account and set TOUSU_WEIBO_TOKEN.",
            )
        if code is not None or response.status_code >= 400:
            raise WeiboError(
                "weibo-error",
                f"Weibo answered {response.status_code} {body.get('error', response.text[:200])}.",
                "check TOUSU_WEIBO_BASE_URL, the token's permissions and Weibo's status.",
            )
        return body
    raise WeiboError(
        "weibo-rate-limited",
        f"Weibo kept limiting the rate after {settings.retries} retries.",
        "poll less often (the schedule) or ask Weibo for a higher quota; nothing was lost.",
    )


def _id_of(entity: dict[str, Any]) -> str | None:
    """A user's or a post's id: `idstr`, else the 64-bit `id` as text."""
    return entity.get("idstr") or (str(entity["id"]) if "id" in entity else None)


def _user_id(item: dict[str, Any]) -> str | None:
    return _id_of(item.get("user") or {})


def post_text(item: dict[str, Any]) -> str:
    """A mention's words, followed by the post it repeats when that post is the complaint.

    A repost carries the original in `retweeted_status`, and its own text may be only the
    mention or 转发微博; a comment carries the post it sits under in `status`, which is the
    complaint when the commenter wrote it (a customer calling the company in under their own
    post). A deleted or hidden original adds nothing.
    """
    text = item.get("text", "")
    original = item.get("retweeted_status")
    if original is None and item.get("status") and _user_id(item["status"]) == _user_id(item):
        original = item["status"]
    if not original or original.get("deleted"):
        return text
    original_text = original.get("text") or ""
    if not original_text.strip() or UNAVAILABLE.match(original_text):
        return text
    return f"{text}\n{ORIGINAL_LABEL}{original_text}"


def new_posts(
    client: httpx.Client, kind: str, since_id: int, settings: WeiboSettings
) -> list[Post]:
    """Everything newer than `since_id`, oldest first."""
    posts: dict[int, Post] = {}
    for page in range(1, settings.max_pages + 1):
        body = _get(
            client,
            KINDS[kind],
            {"since_id": since_id, "count": settings.count, "page": page},
            settings,
        )
        items = body.get(kind) or []
        for item in items:
            post_id = int(item.get("idstr") or item["id"])
            if post_id > since_id:
                posts[post_id] = Post(
                    kind,
                    post_id,
                    post_text(item),
                    (item.get("user") or {}).get("screen_name"),
                    _user_id(item),
                    item,
                )
        if len(items) < settings.count or not body.get("next_cursor"):
            break
    return [posts[i] for i in sorted(posts)]


def poll_weibo(context: IntakeContext, settings: WeiboSettings) -> dict[str, int]:
    """Take in new mentions and comments; the counts of what happened."""
    totals = dict.fromkeys(OUTCOMES, 0)
    with httpx.Client(base_url=settings.base_url, timeout=30) as client:
        for kind in KINDS:
            counts = _poll(context, client, kind, settings)
            for name, value in counts.items():
                totals[name] += value
    return totals


def _poll(
    context: IntakeContext, client: httpx.Client, kind: str, settings: WeiboSettings
) -> dict[str, int]:
    counts = dict.fromkeys(OUTCOMES, 0)
    name = settings.channel_name(kind)
    since_id = int(channels.checkpoint(context.db, name).get("since_id", 0))
    try:
        for post in new_posts(client, kind, since_id, settings):
            counts["fetched"] += 1
            account = f"weibo:{post.author_id}" if post.author_id else None
            outcome = take_in_post(
                context,
                post.key,
                "weibo",
                post.text,
                store.Customer(name=post.author, account=account),
                json.dumps(post.raw, ensure_ascii=False),
                name,
                next_part_of(context.db, post),
            )
            counts[outcome] += 1
            channels.save_checkpoint(context.db, name, {"since_id": post.id})
    except (WeiboError, httpx.HTTPError) as error:
        channels.record_run(context.db, name, counts, error=f"{type(error).__name__}: {error}")
        raise
    channels.record_run(context.db, name, counts)
    return counts
