"""The public complaint form: a page anyone can fill in, protected against cross-site posts
(a signed token in the form and the same token in a cookie) and floods (a per-address limit).
A double click sends the same submission id, so it gives the same ticket."""

import contextlib
import hashlib
import hmac
import html
import re
import secrets
import time
import uuid
from collections import defaultdict, deque
from functools import lru_cache
from importlib import resources
from string import Template
from typing import Annotated

from fastapi import APIRouter, Cookie, Form, Request
from fastapi.responses import HTMLResponse
from pydantic_settings import BaseSettings, SettingsConfigDict

from serve.dependencies import AuthError, IntakeBatcherDep
from tickets import store
from tickets.paths import get_path_settings

router = APIRouter(tags=["web form"])
COOKIE = "tousu_csrf"
TOKEN_SECONDS = 3600
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class FormSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TOUSU_FORM_", env_file=".env", extra="ignore")

    # signs the anti-forgery tokens (default: a secret kept in TOUSU_HOME, shared by workers)
    secret: str | None = None
    per_minute: int = 5  # submissions per address per minute


SETTINGS = FormSettings()
_recent: defaultdict[str, deque[float]] = defaultdict(deque)


@lru_cache(maxsize=1)
def _secret() -> bytes:
    if SETTINGS.secret:
        return SETTINGS.secret.encode()
    path = get_path_settings().home / "form_secret"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError), path.open("x") as handle:
            handle.write(secrets.token_hex(32))
            path.chmod(0o600)
    return path.read_text().strip().encode()


def _sign(issued: str) -> str:
    digest = hmac.new(_secret(), issued.encode(), hashlib.sha256).hexdigest()
    return f"{issued}.{digest}"


def _token_valid(token: str, cookie: str | None) -> bool:
    issued, _, _ = token.partition(".")
    fresh = issued.isdigit() and time.time() - int(issued) < TOKEN_SECONDS
    return fresh and cookie == token and hmac.compare_digest(_sign(issued), token)


def _allow(address: str) -> bool:
    now = time.monotonic()
    if len(_recent) > 10_000:  # forget addresses that have been quiet for a minute
        for quiet in [a for a, w in _recent.items() if not w or now - w[-1] > 60]:
            del _recent[quiet]
    window = _recent[address]
    while window and now - window[0] > 60:
        window.popleft()
    if len(window) >= SETTINGS.per_minute:
        return False
    window.append(now)
    return True


@lru_cache(maxsize=1)
def _template() -> Template:
    """The form page, read once rather than for every visitor."""
    page = resources.files("serve").joinpath("templates/complaint_form.html")
    return Template(page.read_text("utf-8"))


def _page(message: str = "", status: int = 200, cookie: str | None = None) -> HTMLResponse:
    """The form; a visitor keeps their token while it is valid, so a resent form still fits."""
    token = cookie if cookie and _token_valid(cookie, cookie) else _sign(str(int(time.time())))
    page = _template().substitute(message=message, csrf_token=token, submission=uuid.uuid4().hex)
    response = HTMLResponse(page, status_code=status)
    response.set_cookie(COOKIE, token, max_age=TOKEN_SECONDS, httponly=True, samesite="strict")
    return response


@router.get("/form", response_class=HTMLResponse)
def form(cookie: Annotated[str | None, Cookie(alias=COOKIE)] = None) -> HTMLResponse:
    """The complaint form."""
    return _page(cookie=cookie)


@router.post("/form", response_class=HTMLResponse)
def submit(
    request: Request,
    batcher: IntakeBatcherDep,
    csrf_token: Annotated[str, Form(max_length=200)],
    submission: Annotated[str, Form(max_length=64)],
    name: Annotated[str, Form(min_length=1, max_length=100)],
    contact: Annotated[str, Form(min_length=3, max_length=200)],
    description: Annotated[str, Form(min_length=2, max_length=5000)],
    order_no: Annotated[str, Form(max_length=100)] = "",
    wants: Annotated[str, Form(max_length=40)] = "",
    cookie: Annotated[str | None, Cookie(alias=COOKIE)] = None,
) -> HTMLResponse:
    """A submitted complaint becomes a ticket; the page shows its number."""
    if not _token_valid(csrf_token, cookie):
        raise AuthError(
            "form-forged",
            "the form was not sent from this site, or it is more than an hour old.",
            "reload the form and send it again.",
            403,
        )
    address = request.client.host if request.client else "unknown"
    if not _allow(address):
        return _page('<p class="error">提交过于频繁，请一分钟后再试。</p>', 429, cookie)
    email = contact.strip() if EMAIL.match(contact.strip()) else None
    new = store.NewTicket(
        channel="web_form",
        text=description,
        customer=store.Customer(name=name, email=email, phone=None if email else contact),
        order_no=order_no or None,
        customer_asks=[wants] if wants else [],
        idempotency_key=f"web_form:{submission}",
    )
    ticket, _ = batcher.create_waiting(new, "web_form")
    number = html.escape(ticket.number or "")
    return _page(
        f'<p class="done">已受理，您的工单号是 <strong>{number}</strong>。</p>', 200, cookie
    )
