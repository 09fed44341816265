"""Learning word vectors from unlabelled text: positive PMI of word co-occurrence, then SVD.

Two words get close vectors when they keep the same company within a few words of each
other. This is the count-based equivalent of word2vec (Levy & Goldberg 2014): shifted
co-occurrence counts with context-distribution smoothing (0.75), positive PMI, a truncated
SVD with the singular values' square root as weight. It needs no labels and no download, and
on 80,000 reviews it runs in seconds.
"""

import csv
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.decomposition import TruncatedSVD

from models.errors import ModelError
from models.normalise import normalise_batch
from models.segment import Segmenter
from models.word_vectors import WordVectors, unit_rows
from training.text_files import open_text

TEXT_COLUMNS = ("text", "review")
CONTEXT_SMOOTHING = 0.75


def read_corpus(path: Path) -> list[str]:
    """The texts of a corpus file: JSONL (`text`), CSV (a `text` or `review` column) or plain
    text (one text per line, what comes before a tab)."""
    if not path.is_file():
        raise ModelError(
            "corpus-missing", f"corpus {path} does not exist.", "pass existing text files."
        )
    with open_text(path) as handle:
        if path.suffix == ".jsonl":
            return [_jsonl_text(path, number, line) for number, line in enumerate(handle, 1)]
        if path.suffix == ".csv":
            reader = csv.DictReader(handle)
            column = next((c for c in TEXT_COLUMNS if c in (reader.fieldnames or [])), None)
            if column is None:
                raise ModelError(
                    "corpus-columns",
                    f"{path} has columns {reader.fieldnames}, none of {list(TEXT_COLUMNS)}.",
                    "name the column holding the texts 'text' or 'review'.",
                )
            return [row[column] or "" for row in reader]
        return [line.rstrip("\r\n").partition("\t")[0] for line in handle]


def _jsonl_text(path: Path, number: int, line: str) -> str:
    if not line.strip():
        return ""
    try:
        text = json.loads(line).get("text")
    except (json.JSONDecodeError, AttributeError):
        text = None
    if not isinstance(text, str):
        raise ModelError(
            "corpus-line",
            f"{path}:{number}: not a JSON object with a string 'text'.",
            'write one {"text": "..."} object per line.',
        )
    return text


def cooccurrence(
    documents: Sequence[Sequence[int]], vocabulary_size: int, window: int
) -> sp.csr_matrix:
    """Counts of word j within `window` words of word i, as a (word, context) matrix."""
    rows, columns = [], []
    for ids in documents:
        array = np.asarray(ids, dtype=np.int64)
        for offset in range(1, window + 1):
            rows.append(array[:-offset])
            columns.append(array[offset:])
    first = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    second = np.concatenate(columns) if columns else np.zeros(0, dtype=np.int64)
    counts = sp.csr_matrix(
        (np.ones(2 * len(first)), (np.r_[first, second], np.r_[second, first])),
        shape=(vocabulary_size, vocabulary_size),
    )
    counts.sum_duplicates()
    return counts


def positive_pmi(counts: sp.csr_matrix) -> sp.csr_matrix:
    """max(0, log p(word, context) / (p(word) p_smoothed(context)))."""
    coo = counts.tocoo()
    word_totals = np.asarray(counts.sum(axis=1)).ravel()
    context = np.asarray(counts.sum(axis=0)).ravel() ** CONTEXT_SMOOTHING
    context /= context.sum()
    pmi = np.log(coo.data / word_totals[coo.row] / context[coo.col])
    positive = pmi > 0
    return sp.csr_matrix(
        (pmi[positive], (coo.row[positive], coo.col[positive])), shape=counts.shape
    )


def fit_word_vectors(
    texts: Iterable[str],
    segmenter: Segmenter,
    *,
    dimensions: int = 128,
    window: int = 8,
    min_count: int = 5,
    random_state: int = 0,
) -> WordVectors:
    """Vectors for every word seen at least `min_count` times in `texts`."""
    normalised = normalise_batch([text for text in texts if text.strip()])
    documents = [[word for word in segmenter.cut(text) if word.strip()] for text in normalised]
    frequency = Counter(word for words in documents for word in words)
    words = [word for word, count in frequency.most_common() if count >= min_count]
    if len(words) <= dimensions:
        raise ModelError(
            "corpus-too-small",
            f"the corpus has {len(words)} words seen {min_count} times or more; "
            f"{dimensions} dimensions need more.",
            "give more text (tens of thousands of complaints), or lower --min-count or "
            "--dimensions.",
        )
    index = {word: i for i, word in enumerate(words)}
    ids = [[index[word] for word in doc if word in index] for doc in documents]
    matrix = positive_pmi(cooccurrence(ids, len(words), window))
    svd = TruncatedSVD(dimensions, algorithm="randomized", n_iter=7, random_state=random_state)
    return WordVectors(words, unit_rows(svd.fit_transform(matrix) / np.sqrt(svd.singular_values_)))
