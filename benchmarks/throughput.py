"""Batch classification speed on one core, against jieba-based baselines measured in the same run.

Target: >= 20,000 complaints/s. Prints complaints/s (median of 5) for the Tousu classifier
(both heads, cues, no explanation), for jieba segmentation alone, and for a plain
jieba + TF-IDF + LinearSVC pipeline.
"""

from common import REPOSITORY, median_seconds, online_shopping, pin_to_one_core

pin_to_one_core()

import jieba  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402
from sklearn.svm import LinearSVC  # noqa: E402

from models.bundle import load_bundle  # noqa: E402
from models.features import ComplaintText  # noqa: E402

N = 20_000
REPEATS = 5


def jieba_words(text: str) -> list[str]:
    return jieba.lcut(text)


def main() -> None:
    bundle = load_bundle(REPOSITORY / "var/models/default")
    rows = online_shopping()
    texts = [row["review"] for row in rows[:N]]
    complaints = [ComplaintText(text) for text in texts]
    bundle.classifier.predict(complaints[:100])
    ours = N / median_seconds(lambda: bundle.classifier.predict(complaints), REPEATS)

    jieba.initialize()
    segmentation = N / median_seconds(lambda: [jieba.lcut(t) for t in texts], 3)
    baseline = make_pipeline(
        TfidfVectorizer(tokenizer=jieba_words, token_pattern=None), LinearSVC()
    ).fit([r["review"] for r in rows[N : N + 20_000]], [r["cat"] for r in rows[N : N + 20_000]])
    pipeline = N / median_seconds(lambda: baseline.predict(texts), 3)

    mean_length = sum(map(len, texts)) / N
    print(f"texts: {N} online-shopping reviews, mean {mean_length:.0f} characters, one core")
    print(f"tousu classify (2 heads + cues):  {ours:>9,.0f} complaints/s   (target >= 20,000)")
    print(f"jieba segmentation alone:         {segmentation:>9,.0f} complaints/s")
    print(f"jieba + TF-IDF + LinearSVC:       {pipeline:>9,.0f} complaints/s")
    print(f"ratio tousu / jieba pipeline:     {ours / pipeline:>9.1f}x")


if __name__ == "__main__":
    main()
