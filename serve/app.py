"""FastAPI application factory: the model is loaded and warmed once, at start-up."""

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
from serve.routes import health, predict
from tickets.errors import TousuError


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


def create_app(bundle: ModelBundle | Path) -> FastAPI:
    """The API serving `bundle` (a loaded bundle, or its directory to load at start-up)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        loaded = bundle if isinstance(bundle, ModelBundle) else load_bundle(bundle)
        loaded.classifier.predict([ComplaintText("预热：快递没到")], explain=True)
        app.state.bundle = loaded
        app.state.started = time.monotonic()
        yield

    app = FastAPI(
        title="Tousu",
        summary="Triage of Chinese customer complaints: category, priority, confidence.",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.include_router(health.router)
    app.include_router(predict.router)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError) -> JSONResponse:
        message, hint = _describe(list(error.errors()))
        return JSONResponse(
            status_code=422, content={"code": "invalid-request", "message": message, "hint": hint}
        )

    @app.exception_handler(TousuError)
    @app.exception_handler(ModelError)
    async def known_error(request: Request, error: TousuError | ModelError) -> JSONResponse:
        return JSONResponse(
            status_code=400,
            content={"code": error.code, "message": error.message, "hint": error.fix},
        )

    return app
