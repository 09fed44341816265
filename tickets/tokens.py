"""API tokens with roles. Only a SHA-256 of each token is stored; the token itself is shown
once, when it is created."""

import hashlib
import secrets
import time
from datetime import UTC, datetime

from sqlalchemy import select

from tickets.db import Database
from tickets.errors import TousuError
from tickets.tables import ApiToken

# each role may do what the roles before it may (director and vice_president approve
# compensation above the supervisor's limit)
ROLES = ("intake", "agent", "supervisor", "director", "vice_president", "admin")
PREFIX = "tsu_"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(db: Database, role: str, name: str) -> str:
    if role not in ROLES:
        raise TousuError("role-unknown", f"there is no role {role!r}.", f"use {', '.join(ROLES)}.")
    token = PREFIX + secrets.token_urlsafe(32)
    with db.session() as session, session.begin():
        session.add(
            ApiToken(name=name, role=role, token_hash=_digest(token), created_at=datetime.now(UTC))
        )
    return token


def role_of(db: Database, token: str) -> tuple[str, str] | None:
    """(name, role) of a valid token, or None."""
    with db.session() as session:
        found = session.scalars(
            select(ApiToken).where(
                ApiToken.token_hash == _digest(token), ApiToken.revoked.is_(False)
            )
        ).first()
    return (found.name, found.role) if found else None


class TokenCache:
    """Answers of `role_of` kept for `seconds`, so a busy client does not cost a database
    query per request; a revoked token stops working within that time."""

    def __init__(self, db: Database, seconds: float = 30.0) -> None:
        self.db = db
        self.seconds = seconds
        self._known: dict[str, tuple[float, tuple[str, str] | None]] = {}

    def cached(self, token: str) -> tuple[bool, tuple[str, str] | None]:
        """(True, answer) when the answer is known and fresh; (False, None) otherwise."""
        known = self._known.get(token)
        if known is not None and time.monotonic() - known[0] < self.seconds:
            return True, known[1]
        return False, None

    def role_of(self, token: str) -> tuple[str, str] | None:
        hit, answer = self.cached(token)
        if hit:
            return answer
        if len(self._known) > 10_000:  # bound the memory a flood of bad tokens can take
            self._known.clear()
        answer = role_of(self.db, token)
        self._known[token] = (time.monotonic(), answer)
        return answer


def allows(role: str, needed: str) -> bool:
    return ROLES.index(role) >= ROLES.index(needed)


def any_token(db: Database) -> bool:
    with db.session() as session:
        return session.scalars(select(ApiToken.id).limit(1)).first() is not None
