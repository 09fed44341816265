"""FastAPI application factory: the model is loaded and warmed once, at start-up."""

import os
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from models.bundle import ModelBundle, load_bundle
from models.errors import ModelError
from models.features import ComplaintText
from serve.dependencies import AuthError
from serve.intake_batcher import IntakeBatcher
from serve.routes import (
    channels,
    desk,
    health,
    notifications,
    predict,
    routing,
    tickets,
    web_form,
    wechat,
)
from serve.ticket_schemas import TicketPublic
from tickets.creation import Intake
from tickets.db import Database, get_database
from tickets.errors import TousuError
from tickets.store import NotFound, VersionConflict
from tickets.tokens import TokenCache


def _status(error: TousuError | ModelError) -> int:
    if isinstance(error, AuthError):
        return error.status
    if isinstance(error, NotFound):
        return 404
    if isinstance(error, VersionConflict):
        return 409
    return 400


def _describe(errors: list[dict]) -> tuple[str, str]:
    """A readable message and hint from pydantic's validation errors."""
    parts = []
    for error in errors[:5]:
        where = ".".join(str(p) for p in error.get("loc", ()) if p != "body") or "body"
        parts.append(f"{where}: {error.get('msg', 'invalid')}")
    hint = (
        'send JSON like {"text": "快递三天没到", "subject": null, "channel": "email"}: '
        "text is a non-blank string of at most 20,000 characters; subject and channel are "
        "optional strings; no other fields"
    )
    return "; ".join(parts), hint


def create_app(bundle: ModelBundle | Path, database: Database | None = None) -> FastAPI:
    """The API serving `bundle` (a loaded bundle, or its directory to load at start-up) and
    the ticket store (`TOUSU_DATABASE_URL`, or SQLite under `TOUSU_HOME`, unless given)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        loaded = bundle if isinstance(bundle, ModelBundle) else load_bundle(bundle)
        loaded.classifier.predict([ComplaintText("预热：快递没到")], explain=True)
        app.state.bundle = loaded
        app.state.database = database or get_database()
        app.state.tokens = TokenCache(app.state.database)
        app.state.intake = Intake.from_settings()
        app.state.intake_batcher = IntakeBatcher(loaded, app.state.database, app.state.intake)
        app.state.started = time.monotonic()
        yield
        app.state.intake_batcher.close()

    app = FastAPI(
        title="Tousu",
        summary="Triage of Chinese customer complaints: category, priority, confidence.",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.include_router(health.router)
    app.include_router(predict.router)
    app.include_router(tickets.router)
    app.include_router(routing.router)
    app.include_router(desk.router)
    app.include_router(wechat.router)
    app.include_router(channels.router)
    app.include_router(notifications.router)
    app.include_router(web_form.router)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError) -> JSONResponse:
        message, hint = _describe(list(error.errors()))
        return JSONResponse(
            status_code=422, content={"code": "invalid-request", "message": message, "hint": hint}
        )

    @app.exception_handler(TousuError)
    @app.exception_handler(ModelError)
    async def known_error(request: Request, error: TousuError | ModelError) -> JSONResponse:
        content: dict[str, object] = {
            "code": error.code,
            "message": error.message,
            "hint": error.fix,
        }
        if isinstance(error, VersionConflict):
            content["current"] = TicketPublic.model_validate(error.ticket).model_dump(mode="json")
        return JSONResponse(status_code=_status(error), content=content)

    return app


BUNDLE_VARIABLE = "TOUSU_SERVE_BUNDLE"


def app_from_environment() -> FastAPI:
    """The app of one worker process when `tousu serve --workers N` runs several."""
    return create_app(Path(os.environ[BUNDLE_VARIABLE]))
