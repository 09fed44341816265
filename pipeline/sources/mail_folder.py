"""E-mail from a folder of .eml files: the demo inbox of `make run` (data/samples/inbox), and a
way to take in an exported archive. Each file is keyed by its Message-ID, so reading the folder
again takes nothing in twice."""

import hashlib
from email.parser import BytesHeaderParser
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

from pipeline.intake import IntakeContext, take_in_mail
from tickets import channels


class FolderSettings(BaseSettings):
    """TOUSU_SAMPLE_INBOX: a folder of .eml files to take in (unset: none)."""

    model_config = SettingsConfigDict(env_prefix="TOUSU_", env_file=".env", extra="ignore")

    sample_inbox: Path | None = None


def _key(raw: bytes) -> str:
    message_id = BytesHeaderParser().parsebytes(raw).get("Message-ID", "").strip()
    return (
        f"email:{message_id}" if message_id else f"email:sha256:{hashlib.sha256(raw).hexdigest()}"
    )


def take_in_folder(context: IntakeContext, folder: Path) -> dict[str, int]:
    counts = {"fetched": 0, "created": 0, "threaded": 0, "duplicate": 0, "quarantined": 0}
    name = f"folder:{folder.resolve()}"
    for path in sorted(folder.glob("*.eml")):
        raw = path.read_bytes()
        counts["fetched"] += 1
        counts[take_in_mail(context, raw, _key(raw), name)] += 1
    channels.record_run(context.db, name, counts)
    return counts
