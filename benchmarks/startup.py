"""API start-up: seconds from launching `tousu serve` to the first answered prediction.

Target: <= 2 s. Uses the default bundle (`make run` trains it); median of 5 launches.
"""

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from common import REPOSITORY, tousu_command

TOUSU = str(Path(sys.executable).parent / "tousu")
BUNDLE = REPOSITORY / "var/models/default"
LAUNCHES = 5


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def first_prediction_seconds(home: Path, token: str) -> float:
    port = free_port()
    started = time.perf_counter()
    process = subprocess.Popen(
        [TOUSU, "serve", "--bundle", str(BUNDLE), "--port", str(port)],
        env={**os.environ, "TOUSU_HOME": str(home)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    headers = {"Authorization": f"Bearer {token}"}
    try:
        with httpx.Client(
            base_url=f"http://127.0.0.1:{port}", timeout=10, headers=headers
        ) as client:
            while time.perf_counter() - started < 60:
                try:
                    response = client.post("/v1/predict", json={"text": "快递三天了还没到"})
                    response.raise_for_status()
                    return time.perf_counter() - started
                except httpx.TransportError:
                    time.sleep(0.02)
        raise SystemExit("the API did not answer within 60 s")
    finally:
        process.terminate()
        process.wait(timeout=10)


def main() -> None:
    if not (BUNDLE / "metadata.json").is_file():
        sys.exit(f"{BUNDLE} is missing: run `make run` or `tousu train --out {BUNDLE}` first")
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)  # a store and a token that exist already: a restart
        token = tousu_command(home, "token", "create", "--role", "intake")
        times = [first_prediction_seconds(home, token) for _ in range(LAUNCHES)]
    size = sum(f.stat().st_size for f in BUNDLE.iterdir()) / 1e6
    print(f"default bundle: {size:.1f} MB")
    print(
        f"launch -> first prediction: median {statistics.median(times):.2f} s "
        f"(min {min(times):.2f}, max {max(times):.2f}, {LAUNCHES} launches)   (target <= 2 s)"
    )


if __name__ == "__main__":
    main()
