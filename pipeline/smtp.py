"""Sending mail: the SMTP settings and one authenticated connection."""

import smtplib
from collections.abc import Iterator
from contextlib import contextmanager

from pydantic_settings import BaseSettings, SettingsConfigDict


class SmtpSettings(BaseSettings):
    """TOUSU_SMTP_HOST (unset: no mail is sent), _PORT, _USER, _PASSWORD, _SENDER, ..."""

    model_config = SettingsConfigDict(env_prefix="TOUSU_SMTP_", env_file=".env", extra="ignore")

    host: str | None = None
    port: int = 25
    user: str | None = None
    password: str | None = None
    starttls: bool = False
    sender: str = "kefu@example.com"
    sender_name: str = "客户服务中心"


@contextmanager
def smtp_connection(settings: SmtpSettings) -> Iterator[smtplib.SMTP]:
    """A connection to the configured server, with STARTTLS and login when set."""
    assert settings.host, "TOUSU_SMTP_HOST is not set"
    with smtplib.SMTP(settings.host, settings.port, timeout=30) as smtp:
        if settings.starttls:
            smtp.starttls()
        if settings.user:
            smtp.login(settings.user, settings.password or "")
        yield smtp
