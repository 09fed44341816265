"""`tousu run` (what `make run` starts): API, Prefect server and scheduled flows together,
and nothing left running after it stops."""

import shutil
import signal
import subprocess
import time
from pathlib import Path

import httpx

from tests.network import free_port
from tests.pipeline.subprocess_env import tousu_environment
from tests.serve.server import TOUSU

DEPLOYMENTS = [
    "email-intake-every-60s",
    "notifications-every-60s",
    "sla-sweep-every-300s",
    "weibo-intake-every-300s",
]


def running(pattern: str) -> bool:
    return subprocess.run(["pgrep", "-f", pattern], capture_output=True).returncode == 0


def test_run_starts_api_prefect_and_schedules_then_stops_them_all(
    tmp_path: Path, bundle_dir: Path
) -> None:
    shutil.copytree(bundle_dir, tmp_path / "models" / "default")
    api_port, prefect_port = free_port(), free_port()
    process = subprocess.Popen(
        [TOUSU, "run", "--port", str(api_port), "--prefect-port", str(prefect_port)],
        env=tousu_environment(tmp_path),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    names: list[str] = []
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and len(names) < len(DEPLOYMENTS):
            assert process.poll() is None, "tousu run stopped on its own"
            try:
                assert httpx.get(f"http://127.0.0.1:{api_port}/healthz").status_code == 200
                found = httpx.post(
                    f"http://127.0.0.1:{prefect_port}/api/deployments/filter", json={}
                ).json()
                names = sorted(d["name"] for d in found)
            except (httpx.TransportError, AssertionError):
                time.sleep(0.5)
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    assert names == DEPLOYMENTS
    deadline = time.monotonic() + 20
    while running(f"--port {prefect_port}") and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not running(f"--port {prefect_port}"), "the Prefect server outlived tousu run"
