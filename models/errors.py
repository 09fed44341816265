"""Errors raised by the model code, each with a stable code and the fix to apply."""


class ModelError(Exception):
    """A model-side failure a user can act on: `code` is stable, `fix` says what to do."""

    def __init__(self, code: str, message: str, fix: str) -> None:
        super().__init__(f"[{code}] {message} Fix: {fix}")
        self.code = code
        self.message = message
        self.fix = fix
