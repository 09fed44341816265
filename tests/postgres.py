"""A throwaway PostgreSQL server for the store tests, started and stopped by the tests.

Uses the server binaries of Debian's `postgresql` package (installed by `make install-test-
services`). PostgreSQL refuses to run as root, so under root the cluster belongs to the
`postgres` system user.
"""

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.network import free_port


def _binary(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}")) or [shutil.which(name) or ""]
    if not found[-1]:
        raise RuntimeError(
            f"PostgreSQL's {name} is not installed: run `make install-test-services` "
            "(Debian's postgresql package)."
        )
    return found[-1]


def _as_server_user(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@contextmanager
def postgres_server() -> Iterator[str]:
    """Start a fresh cluster; yield its SQLAlchemy URL; stop and delete it afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="tousu-pg-"))
    data = folder / "data"
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    port = free_port()
    run = lambda command: subprocess.run(  # noqa: E731
        _as_server_user(command), check=True, capture_output=True, text=True
    )
    try:
        run([_binary("initdb"), "-D", str(data), "-U", "tousu", "--auth=trust", "-E", "UTF8"])
        run(
            [
                _binary("pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(folder / "log"),
                "-w",
                "-o",
                f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off",
                "start",
            ]
        )
        run([_binary("createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "tousu", "tousu"])
        yield f"postgresql+psycopg://tousu@127.0.0.1:{port}/tousu"
    finally:
        subprocess.run(
            _as_server_user([_binary("pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            capture_output=True,
        )
        shutil.rmtree(folder, ignore_errors=True)
