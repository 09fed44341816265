"""Fixtures of the pipeline tests: a local SMTP server for the mail Tousu sends."""

from collections.abc import Iterator

import pytest
from aiosmtpd.controller import Controller

from tests.network import free_port
from tests.pipeline.smtp_sink import Sink


@pytest.fixture
def sink(monkeypatch: pytest.MonkeyPatch) -> Iterator[Sink]:
    handler, port = Sink(), free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    monkeypatch.setenv("TOUSU_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("TOUSU_SMTP_PORT", str(port))
    monkeypatch.setenv("TOUSU_SMTP_SENDER", "kefu@shop.example.com")
    try:
        yield handler
    finally:
        controller.stop()
