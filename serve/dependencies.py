"""Things routes receive by injection: the model, the database, the caller's role.

All async: FastAPI runs a plain `def` dependency in its thread pool, a cost every request
would pay for what are attribute lookups.
"""

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from models.bundle import ModelBundle
from serve.intake_batcher import IntakeBatcher
from tickets.creation import Intake
from tickets.db import Database
from tickets.errors import TousuError
from tickets.tokens import ROLES, TokenCache, allows


async def get_bundle(request: Request) -> ModelBundle:
    bundle: ModelBundle = request.app.state.bundle
    return bundle


async def get_database(request: Request) -> Database:
    database: Database = request.app.state.database
    return database


async def get_tokens(request: Request) -> TokenCache:
    tokens: TokenCache = request.app.state.tokens
    return tokens


async def get_intake(request: Request) -> Intake:
    intake: Intake = request.app.state.intake
    return intake


async def get_intake_batcher(request: Request) -> IntakeBatcher:
    batcher: IntakeBatcher = request.app.state.intake_batcher
    return batcher


BundleDep = Annotated[ModelBundle, Depends(get_bundle)]
DatabaseDep = Annotated[Database, Depends(get_database)]
IntakeDep = Annotated[Intake, Depends(get_intake)]
IntakeBatcherDep = Annotated[IntakeBatcher, Depends(get_intake_batcher)]
_bearer = HTTPBearer(auto_error=False, description="An API token from `tousu token create`.")


class AuthError(TousuError):
    def __init__(self, code: str, message: str, fix: str, status: int) -> None:
        super().__init__(code, message, fix)
        self.status = status


def require(role: str) -> Callable[..., Awaitable[str]]:
    """A dependency that admits callers whose token has `role` or a higher one."""

    async def check(
        tokens: Annotated[TokenCache, Depends(get_tokens)],
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
