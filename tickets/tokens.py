"""API tokens with roles. Only a SHA-256 of each token is stored; the token itself is shown
once, when it is created."""

import hashlib
import secrets
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


def allows(role: str, needed: str) -> bool:
    return ROLES.index(role) >= ROLES.index(needed)
