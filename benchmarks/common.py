"""Helpers shared by the benchmark scripts: the public corpora, one-core pinning, timing."""

import csv
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPOSITORY))
# the corpora the brief ships beside the checkout; override with TOUSU_PUBLIC_DATA
PUBLIC = Path(os.environ.get("TOUSU_PUBLIC_DATA", REPOSITORY.parent / "shared/data/public"))


def pin_to_one_core() -> None:
    """Measure single-core speed: one CPU, one BLAS thread."""
    for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[variable] = "1"
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def public_file(name: str) -> Path:
    path = PUBLIC / name
    if not path.is_file():
        sys.exit(f"{path} is missing: set TOUSU_PUBLIC_DATA to the folder holding the corpora")
    return path


def online_shopping() -> list[dict[str, str]]:
    """online_shopping_10_cats rows with a non-empty review (cat, label, review)."""
    with public_file("online_shopping_10_cats.csv").open(encoding="utf-8-sig") as handle:
        return [row for row in csv.DictReader(handle) if row["review"].strip()]


def cocc() -> tuple[list[str], list[str]]:
    texts, labels = [], []
    for line in public_file("COCC.txt").read_text(encoding="utf-8").splitlines():
        text, _, label = line.rpartition("\t")
        if text.strip():
            texts.append(text)
            labels.append(label.strip())
    return texts, labels


def median_seconds(run: Callable[[], object], repeats: int) -> float:
    """Median wall time of `repeats` runs (the machine is shared and noisy)."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


@contextmanager
def running_server(home: Path, port: int, workers: int = 1) -> Iterator[str]:
    """`tousu serve` on the default bundle with its own home; yields the base URL."""
    import httpx

    tousu = str(Path(sys.executable).parent / "tousu")
    env = {**os.environ, "TOUSU_HOME": str(home)}
    bundle = REPOSITORY / "var/models/default"
    if not (bundle / "metadata.json").is_file():
        sys.exit(f"{bundle} is missing: run `make run` or `tousu train --out {bundle}` first")
    process = subprocess.Popen(
        [tousu, "serve", "--bundle", str(bundle), "--port", str(port), "--workers", str(workers)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                if httpx.get(f"{url}/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


def tousu_command(home: Path, *arguments: str) -> str:
    tousu = str(Path(sys.executable).parent / "tousu")
    env = {**os.environ, "TOUSU_HOME": str(home)}
    return subprocess.run(
        [tousu, *arguments], env=env, capture_output=True, text=True, check=True
    ).stdout.strip()
