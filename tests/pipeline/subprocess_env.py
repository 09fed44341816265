"""The environment of a Tousu process a test starts: its own home, none of the machine's Prefect
settings (Tousu sets Prefect's, under that home)."""

import os
from pathlib import Path


def tousu_environment(home: Path, **extra: str) -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    return {**environment, "TOUSU_HOME": str(home), **extra}
