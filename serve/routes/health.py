"""Liveness and model identity."""

import time

from fastapi import APIRouter, Request

from serve.dependencies import BundleDep
from serve.schemas import HealthPublic

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=HealthPublic)
def healthz(request: Request, bundle: BundleDep) -> HealthPublic:
    """The served model's version and how long the service has been up."""
    return HealthPublic(
        status="ok",
        model_version=bundle.version,
        uptime_seconds=round(time.monotonic() - request.app.state.started, 3),
    )
