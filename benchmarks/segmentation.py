"""Tousu's segmenter against jieba itself on every public review, and their speeds.

The segmenter must cut exactly like jieba (same dictionary, same algorithm, HMM off) with and
without the user dictionary; this prints how many of the 62,774 online-shopping reviews get
identical cuts, and the speed of each on one core.
"""

import math

import jieba
from common import REPOSITORY, median_seconds, online_shopping, pin_to_one_core

from models.segment import Segmenter, read_user_dictionary
from tickets.paths import PathSettings


def score(tokenizer: jieba.Tokenizer, words: list[str]) -> float:
    """jieba's score of a cut: the sum of each word's log frequency over the total."""
    return sum(math.log(tokenizer.FREQ.get(w) or 1) - math.log(tokenizer.total) for w in words)


def main() -> None:
    pin_to_one_core()
    texts = [row["review"] for row in online_shopping()]
    words = read_user_dictionary(PathSettings(data_dir=REPOSITORY / "data").user_dictionary)
    reference = jieba.Tokenizer()
    reference.initialize()
    ours = Segmenter()
    for label, segmenter in (("jieba dictionary", ours), ("+ user dictionary", Segmenter(words))):
        if label.startswith("+"):
            for entry in words:
                if not reference.FREQ.get(entry.word):
                    reference.add_word(entry.word, entry.freq, entry.tag)
        pairs = [(segmenter.cut(t), reference.lcut(t, HMM=False)) for t in texts]
        different = [(a, b) for a, b in pairs if a != b]
        ties = sum(abs(score(reference, a) - score(reference, b)) < 1e-9 for a, b in different)
        print(
            f"{label:<18} {len(texts):,} reviews, {len(different)} cut differently, "
            f"{ties} of them ties that jieba's model scores exactly alike"
        )
    sample = texts[:20_000]
    theirs = len(sample) / median_seconds(lambda: [reference.lcut(t, HMM=False) for t in sample], 3)
    mine = len(sample) / median_seconds(lambda: [ours.cut(t) for t in sample], 3)
    print(
        f"speed, one core: jieba {theirs:,.0f} texts/s, tousu {mine:,.0f} texts/s "
        f"({mine / theirs:.1f}x)"
    )


if __name__ == "__main__":
    main()
