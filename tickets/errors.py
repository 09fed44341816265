"""Domain errors: a stable code, what is wrong, and the fix."""


class TousuError(Exception):
    """A failure the user can act on; the API and CLI show `code`, `message` and `fix`."""

    def __init__(self, code: str, message: str, fix: str) -> None:
        super().__init__(f"[{code}] {message} Fix: {fix}")
        self.code = code
        self.message = message
        self.fix = fix
