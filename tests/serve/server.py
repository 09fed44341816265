"""A real `tousu serve` process on a free port, with its own home (database, tokens)."""

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from tests.network import free_port

TOUSU = str(Path(sys.executable).parent / "tousu")


def tousu(home: Path, *arguments: str) -> str:
    """Run the `tousu` command with `home` as TOUSU_HOME; its standard output."""
    result = subprocess.run(
        [TOUSU, *arguments],
        env={**os.environ, "TOUSU_HOME": str(home)},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


@contextmanager
def running_api(bundle_dir: Path, home: Path, **environment: str) -> Iterator[httpx.Client]:
    """`environment`: extra variables for the server, e.g. TOUSU_WECHAT_TOKEN."""
    port = free_port()
    process = subprocess.Popen(
        [TOUSU, "serve", "--bundle", str(bundle_dir), "--port", str(port)],
        env={**os.environ, "TOUSU_HOME": str(home), **environment},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, process.stderr.read() if process.stderr else ""
            try:
                if client.get("/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "the API did not come up within 60 s"
            time.sleep(0.1)
        yield client
    finally:
        client.close()
        process.terminate()
        process.wait(timeout=10)
        if process.stderr:
            process.stderr.close()
