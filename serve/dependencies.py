"""Things routes receive by injection: the model, the database, the caller's role.

All async: FastAPI runs a plain `def` dependency in its thread pool, a cost every request
would pay for what are attribute lookups.
"""

from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from models.bundle import ModelBundle
from serve.intake_batcher import IntakeBatcher
from tickets.creation import Intake
from tickets.db import Database
from tickets.errors import TousuError
from tickets.tokens import ROLES, TokenCache, allows


def _app_state(name: str) -> Callable[[Request], Awaitable[Any]]:
    """A dependency giving `request.app.state.<name>`, set once at start-up."""

    async def get(request: Request) -> Any:
        return getattr(request.app.state, name)

    return get


BundleDep = Annotated[ModelBundle, Depends(_app_state("bundle"))]
DatabaseDep = Annotated[Database, Depends(_app_state("database"))]
IntakeDep = Annotated[Intake, Depends(_app_state("intake"))]
IntakeBatcherDep = Annotated[IntakeBatcher, Depends(_app_state("intake_batcher"))]
TokensDep = Annotated[TokenCache, Depends(_app_state("tokens"))]
_bearer = HTTPBearer(auto_error=False, description="An API token from `tousu token create`.")


class AuthError(TousuError):
    def __init__(self, code: str, message: str, fix: str, status: int) -> None:
        super().__init__(code, message, fix)
        self.status = status


def require(role: str) -> Callable[..., Awaitable[str]]:
    """A dependency that admits callers whose token has `role` or a higher one."""

    async def check(
        tokens: TokensDep,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    ) -> str:
        # async, and the database is asked only when the cache does not know the token:
        # a sync dependency would cost every request a trip through the thread pool
        if credentials is None:
            raise AuthError(
                "auth-missing",
                "this endpoint needs an API token.",
                "send `Authorization: Bearer <token>`; create one with `tousu token create`.",
                401,
            )
        hit, found = tokens.cached(credentials.credentials)
        if not hit:
            found = await run_in_threadpool(tokens.role_of, credentials.credentials)
        if found is None:
            raise AuthError(
                "auth-invalid", "the API token is unknown or revoked.", "use a valid token.", 401
            )
        name, granted = found
        if not allows(granted, role):
            higher = ", ".join(ROLES[ROLES.index(role) :])
            raise AuthError(
                "auth-role",
                f"this needs the {role} role; the token {name!r} has {granted}.",
                f"use a token with one of the roles {higher}.",
                403,
            )
        return f"{granted}:{name}"

    return check


Intaker = Annotated[str, Depends(require("intake"))]
AgentActor = Annotated[str, Depends(require("agent"))]
SupervisorActor = Annotated[str, Depends(require("supervisor"))]
