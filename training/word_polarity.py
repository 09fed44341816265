"""Learning word polarity from rated reviews (`models.word_polarity`): a logistic regression
of the rating on which of the word vectors' words a review has."""

import csv
import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression

from models.errors import ModelError
from models.normalise import normalise_batch
from models.segment import Segmenter
from models.word_polarity import WordPolarity, unit_presence
from training.text_files import open_text
from training.word_vectors import TEXT_COLUMNS

RATING_COLUMN = "label"
RATINGS = {"0": 0, "1": 1}


def read_ratings(path: Path) -> tuple[list[str], list[int]]:
    """Texts and ratings (1 good, 0 bad) of a CSV file (a `label` column and a `text` or
    `review` column) or a JSONL file (`text` and `label` on each line); empty texts are left
    out."""
    if not path.is_file():
        raise ModelError(
            "ratings-missing", f"ratings file {path} does not exist.", "pass existing files."
        )
    texts, ratings = [], []
    with open_text(path) as handle:
        for number, row in _numbered_rows(path, handle):
            text, rating = row.get("text"), RATINGS.get(str(row.get(RATING_COLUMN)).strip())
            if not isinstance(text, str) or rating is None:
                raise ModelError(
                    "ratings-line",
                    f"{path}:{number}: needs a text and a {RATING_COLUMN} of 0 or 1.",
                    f"give every line a text and a {RATING_COLUMN}: 1 for a good rating, 0 for "
                    "a bad one.",
                )
            if text.strip():
                texts.append(text)
                ratings.append(rating)
    return texts, ratings


def _numbered_rows(path: Path, handle: TextIO) -> Iterator[tuple[int, dict]]:
    """Each row of the file with its line number, as a dict with `text` and `label`."""
    if path.suffix == ".jsonl":
        for number, line in enumerate(handle, 1):
            if line.strip():
                yield number, _json_object(line)
    elif path.suffix == ".csv":
        reader = csv.DictReader(handle)
        columns = reader.fieldnames or []
        column = next((c for c in TEXT_COLUMNS if c in columns), None)
        if column is None or RATING_COLUMN not in columns:
            raise ModelError(
                "ratings-columns",
                f"{path} has columns {columns}.",
                f"give a '{RATING_COLUMN}' column (1 good, 0 bad) and a 'text' or 'review' column.",
            )
        for number, row in enumerate(reader, 2):
            yield number, {"text": row[column], RATING_COLUMN: row[RATING_COLUMN]}
    else:
        raise ModelError(
            "ratings-format", f"{path} is neither CSV nor JSONL.", "give a .csv or .jsonl file."
        )


def _json_object(line: str) -> dict:
    """The line's JSON object, or an empty one (which then lacks the fields)."""
    try:
        row = json.loads(line)
    except json.JSONDecodeError:
        return {}
    return row if isinstance(row, dict) else {}


def fit_word_polarity(
    texts: Sequence[str], ratings: Sequence[int], segmenter: Segmenter, words: Sequence[str]
) -> WordPolarity:
    """A weight for each of `words` (the word vectors'), from which of them each text has."""
    if len(set(ratings)) < 2:
        raise ModelError(
            "ratings-one-sided",
            f"the {len(ratings):,} rated texts are all rated {ratings[0] if ratings else '-'}.",
            "give texts rated good (1) and bad (0).",
        )
    index = {word: column for column, word in enumerate(words)}
    rows: list[int] = []
    columns: list[int] = []
    for row, text in enumerate(normalise_batch(list(texts))):
        known = {index[word] for word in segmenter.cut(text) if word in index}
        rows.extend([row] * len(known))
        columns.extend(known)
    presence = sp.csr_matrix(
        (np.ones(len(rows), dtype=np.float32), (rows, columns)), shape=(len(texts), len(words))
    )
    regression = LogisticRegression(max_iter=3000).fit(unit_presence(presence), np.asarray(ratings))
    return WordPolarity(regression.coef_[0].astype(np.float32), float(regression.intercept_[0]))
