"""Helpers shared by the benchmark scripts: the public corpora, one-core pinning, timing."""

import csv
import os
import statistics
import sys
import time
from collections.abc import Callable
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
