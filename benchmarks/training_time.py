"""Training time on 62,000 complaints (target <= 20 s) and bundle size (target <= 50 MB).

The texts are the online_shopping_10_cats reviews. No 62k-row set carries our labels, so the
product type stands in for the category and the priority is weak-labelled: P0 where a P0 safety
cue fires, otherwise P1 for a negative review and P2 for a positive one. The run goes through
`train_bundle`, the code behind `tousu train`: features, both heads with their calibration and
thresholds, the held-out metrics and writing the bundle.
"""

import tempfile
import time
from pathlib import Path

from common import REPOSITORY, online_shopping

from models.classifier import ClassifierConfig
from models.cues import PriorityCues
from models.normalise import normalise_batch
from tickets.paths import PathSettings
from training.datasets import LabelledComplaint
from training.train import ModelResources, train_bundle

N = 62_000


def weak_priorities(texts: list[str], sentiments: list[str], cues: PriorityCues) -> list[str]:
    fired = cues.match_batch(normalise_batch(texts))
    return [
        "P0" if any(cue.floor == "P0" for cue in matches) else ("P1" if sentiment == "0" else "P2")
        for matches, sentiment in zip(fired, sentiments, strict=True)
    ]


def main() -> None:
    paths = PathSettings(data_dir=REPOSITORY / "data")
    reviews = online_shopping()[:N]
    texts = [row["review"] for row in reviews]
    priorities = weak_priorities(
        texts, [row["label"] for row in reviews], PriorityCues.from_file(paths.priority_cues)
    )
    rows = [
        LabelledComplaint(f"os-{i}", text, row["cat"], priority, corpus="online_shopping")
        for i, (text, row, priority) in enumerate(zip(texts, reviews, priorities, strict=True))
    ]
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        train_bundle(
            rows,
            Path(out),
            config=ClassifierConfig(),
            resources=ModelResources.shipped(paths),
        )
        seconds = time.perf_counter() - started
        size = sum(f.stat().st_size for f in Path(out).iterdir())
    print(
        f"training rows: {len(rows):,} online-shopping reviews, "
        f"{len(set(r.category for r in rows))} categories, "
        f"{priorities.count('P0')} weak P0 rows"
    )
    print(
        f"tousu train (features, 2 heads, calibration, bundle): {seconds:6.1f} s   (target <= 20 s)"
    )
    print(f"bundle size: {size / 1e6:6.1f} MB   (target <= 50 MB)")


if __name__ == "__main__":
    main()
