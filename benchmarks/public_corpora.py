"""The same training code on the public benchmarks, with the baselines computed in the same run.

COCC (8 telecom complaint classes): 75/25 stratified split, seed 0; baselines TF-IDF + LogReg
and fastText. online_shopping_10_cats (10 product types): 80/20 stratified split, seed 0;
baselines char TF-IDF + SVC and fastText. Targets: macro-F1 >= 0.91 on both.

Tousu runs with word vectors and word polarity learned as the shipped ones are (`tousu vectors`
on the public corpora and the seed data, polarity from the reviews' ratings), except that each
benchmark's test texts are left out of them, and without word vectors.
"""

import tempfile
from functools import partial
from pathlib import Path

import fasttext
import jieba
import numpy as np
from common import PUBLIC, REPOSITORY, cocc, online_shopping
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.svm import LinearSVC

from models.classifier import ClassifierConfig, LabelHead
from models.features import ComplaintText, ComplaintVectorizer
from models.segment import Segmenter, read_user_dictionary
from models.word_vectors import WordVectors
from tickets.paths import PathSettings
from training.word_polarity import fit_word_polarity, read_ratings
from training.word_vectors import fit_word_vectors, read_corpus

Split = tuple[list[str], list[str], list[str], list[str]]


PATHS = PathSettings(data_dir=REPOSITORY / "data")
VECTOR_CORPORA = (
    PUBLIC / "online_shopping_10_cats.csv",
    PUBLIC / "waimai_10k.csv",
    PUBLIC / "COCC.txt",
    PATHS.seed_data / "seed.jsonl",
    PATHS.seed_data / "authored.jsonl",
)
RATED_CORPORA = (PUBLIC / "online_shopping_10_cats.csv", PUBLIC / "waimai_10k.csv")


def segmenter() -> Segmenter:
    return Segmenter(read_user_dictionary(PATHS.user_dictionary))


def vectors_without(test_texts: list[str]) -> WordVectors:
    """Word vectors and polarity learned like the shipped ones, minus the test texts."""
    unseen, text_segmenter = set(test_texts), segmenter()
    texts = [t for path in VECTOR_CORPORA for t in read_corpus(path) if t not in unseen]
    vectors = fit_word_vectors(texts, text_segmenter)
    rated = [
        (text, rating)
        for path in RATED_CORPORA
        for text, rating in zip(*read_ratings(path), strict=True)
        if text not in unseen
    ]
    polarity = fit_word_polarity(
        [text for text, _ in rated], [rating for _, rating in rated], text_segmenter, vectors.words
    )
    return vectors.with_polarity(polarity)


def tousu(split: Split, word_vectors: WordVectors | None = None) -> np.ndarray:
    """Tousu's features and category head, exactly as `tousu train` builds them."""
    train_texts, test_texts, train_labels, _ = split
    config = ClassifierConfig()
    vectorizer = ComplaintVectorizer(
        segmenter(),
        char_max_n=config.char_max_n,
        min_df=config.min_df,
        word_vectors=word_vectors,
        vector_weight=config.vector_weight,
    )
    features = vectorizer.fit_transform([ComplaintText(t) for t in train_texts])
    head = LabelHead(config).fit(features, np.asarray(train_labels))
    test = vectorizer.transform([ComplaintText(t) for t in test_texts])
    return head.classes_[head.predict_proba(test).argmax(axis=1)]


def jieba_words(text: str) -> list[str]:
    return jieba.lcut(text)


def tfidf_logreg(split: Split) -> np.ndarray:
    train_texts, test_texts, train_labels, _ = split
    model = make_pipeline(
        TfidfVectorizer(tokenizer=jieba_words, token_pattern=None, ngram_range=(1, 2)),
        LogisticRegression(max_iter=2000),
    )
    return model.fit(train_texts, train_labels).predict(test_texts)


def char_tfidf_svc(split: Split) -> np.ndarray:
    train_texts, test_texts, train_labels, _ = split
    model = make_pipeline(TfidfVectorizer(analyzer="char", ngram_range=(1, 3)), LinearSVC())
    return model.fit(train_texts, train_labels).predict(test_texts)


def fasttext_baseline(split: Split) -> np.ndarray:
    """fastText supervised on jieba words: 25 epochs and word bigrams (the usual settings for
    text classification; the defaults' 5 epochs leave a small set like COCC undertrained)."""
    train_texts, test_texts, train_labels, _ = split

    def line(text: str) -> str:
        return " ".join(jieba.lcut(text.replace("\n", " ")))

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "train.txt"
        path.write_text(
            "".join(
                f"__label__{label} {line(t)}\n"
                for t, label in zip(train_texts, train_labels, strict=True)
            ),
            encoding="utf-8",
        )
        model = fasttext.train_supervised(
            str(path), epoch=25, wordNgrams=2, verbose=0, seed=0, thread=1
        )

    def label(text: str) -> str:
        # model.predict trips over NumPy 2; the binding underneath answers the same question.
        # A text with no known word gets no answer, which counts as wrong.
        answers = model.f.predict(line(text), 1, 0.0, "strict")
        return answers[0][1].removeprefix("__label__") if answers else ""

    return np.array([label(t) for t in test_texts])


def report(name: str, split: Split, systems: dict) -> None:
    truth = split[3]
    print(f"{name}: {len(split[0]):,} train / {len(truth):,} test, {len(set(truth))} classes")
    for system, predict in systems.items():
        print(f"  {system:<28} macro-F1 {f1_score(truth, predict(split), average='macro'):.3f}")
    print("  target: tousu macro-F1 >= 0.91")


def main() -> None:
    jieba.setLogLevel(60)
    texts, labels = cocc()
    split = train_test_split(texts, labels, test_size=0.25, stratify=labels, random_state=0)
    report(
        "COCC",
        split,
        {
            "tousu": partial(tousu, word_vectors=vectors_without(split[1])),
            "tousu, no word vectors": tousu,
            "TF-IDF + LogReg": tfidf_logreg,
            "fastText": fasttext_baseline,
        },
    )
    rows = online_shopping()
    texts, labels = [r["review"] for r in rows], [r["cat"] for r in rows]
    split = train_test_split(texts, labels, test_size=0.2, stratify=labels, random_state=0)
    report(
        "online_shopping_10_cats (product type)",
        split,
        {
            "tousu": partial(tousu, word_vectors=vectors_without(split[1])),
            "tousu, no word vectors": tousu,
            "char TF-IDF + SVC": char_tfidf_svc,
            "fastText": fasttext_baseline,
        },
    )


if __name__ == "__main__":
    main()
