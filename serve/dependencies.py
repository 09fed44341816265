"""Things routes receive by injection."""

from typing import Annotated

from fastapi import Depends, Request

from models.bundle import ModelBundle


def get_bundle(request: Request) -> ModelBundle:
    bundle: ModelBundle = request.app.state.bundle
    return bundle


BundleDep = Annotated[ModelBundle, Depends(get_bundle)]
