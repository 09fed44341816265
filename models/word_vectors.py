"""Word vectors learned from unlabelled complaints: what a word means, from the words around it.

A few thousand labelled complaints never show most of the ways customers say a thing. Vectors
learned from tens of thousands of unlabelled reviews put 退钱 near 退款 and 忽悠 near 骗人, so
the model can read a complaint in words its labelled data never had. A complaint's vector is the
average of its words' vectors (sublinear counts), L2-normalised; `training.word_vectors` learns
the vectors. With a `WordPolarity` learned from rated reviews, a complaint's lean (good or bad)
follows its vector as one more entry.
"""

import hashlib
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from models.errors import ModelError
from models.sparse_counts import keyed_counts, occurrence_keys
from models.word_polarity import WordPolarity


def unit_rows(matrix: np.ndarray) -> np.ndarray:
    """Each row scaled to length 1; rows of zeros stay zeros."""
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms > 0, norms, 1.0)


class WordVectors:
    """One unit-length vector per word, kept at half precision (as stored) and computed with in
    single precision."""

    def __init__(
        self, words: list[str], vectors: np.ndarray, polarity: WordPolarity | None = None
    ) -> None:
        if len(words) != len(vectors) or len(set(words)) != len(words):
            raise ModelError(
                "word-vectors-invalid",
                f"{len(words)} words (some repeated?) for {len(vectors)} vectors.",
                "give exactly one vector per distinct word; rebuild with `tousu vectors`.",
            )
        if polarity is not None and len(polarity.weights) != len(words):
            raise ModelError(
                "word-vectors-invalid",
                f"{len(polarity.weights)} polarity weights for {len(words)} words.",
                "give one weight per word; rebuild with `tousu vectors --ratings ...`.",
            )
        self.words = list(words)
        self.vectors = np.asarray(vectors, dtype=np.float16).astype(np.float32)
        self.polarity = polarity

    def with_polarity(self, polarity: WordPolarity) -> "WordVectors":
        return WordVectors(self.words, self.vectors, polarity)

    @property
    def dimensions(self) -> int:
        return int(self.vectors.shape[1])

    @cached_property
    def index(self) -> dict[str, int]:
        return {word: row for row, word in enumerate(self.words)}

    def digest(self) -> str:
        """Stable digest of words and vectors (recorded in the model bundle)."""
        digest = hashlib.sha256("\n".join(self.words).encode())
        digest.update(self.vectors.astype(np.float16).tobytes())
        if self.polarity is not None:
            digest.update(self.polarity.weights.astype(np.float32).tobytes())
            digest.update(np.float64(self.polarity.bias).tobytes())
        return digest.hexdigest()

    def document_vectors(
        self, rows: np.ndarray, word_rows: np.ndarray, n_documents: int
    ) -> np.ndarray:
        """Unit vector of each document from its words' (document row, vector row) pairs, a
        negative vector row standing for a word without a vector; a document with no known
        word gets zeros. With polarity, each document's lean follows as a last entry."""
        counts = keyed_counts(
            occurrence_keys(rows, word_rows, len(self.words)), n_documents, len(self.words)
        )
        counts.data = 1.0 + np.log(counts.data)
        documents = unit_rows(np.asarray(counts @ self.vectors))
        if self.polarity is None:
            return documents
        return np.hstack([documents, self.polarity.document_scores(counts)[:, None]])

    def __getstate__(self) -> dict[str, object]:
        # half precision in the bundle, as in the .npz; the index is rebuilt on use
        return {
            "words": self.words,
            "vectors": self.vectors.astype(np.float16),
            "polarity": self.polarity,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.words = state["words"]
        self.vectors = state["vectors"].astype(np.float32)
        self.polarity = state.get("polarity")  # bundles written before polarity have none

    def save(self, path: Path) -> None:
        """Words, half-precision vectors and any polarity in one compressed `.npz` file."""
        path.parent.mkdir(parents=True, exist_ok=True)
        polarity: dict[str, Any] = {}  # Any: mypy checks a spread dict against allow_pickle too
        if self.polarity is not None:
            polarity = {
                "polarity": self.polarity.weights.astype(np.float32),
                "polarity_bias": np.array(self.polarity.bias),
            }
        with path.open("wb") as handle:
            np.savez_compressed(
                handle,
                words=np.array(self.words),
                vectors=self.vectors.astype(np.float16),
                **polarity,
            )

    @classmethod
    def load(cls, path: Path) -> "WordVectors":
        if not path.is_file():
            raise ModelError(
                "word-vectors-missing",
                f"word vectors {path} do not exist.",
                "build them with `tousu vectors --out PATH` or train with --no-word-vectors.",
            )
        try:
            with np.load(path, allow_pickle=False) as stored:
                words, vectors = stored["words"].tolist(), stored["vectors"]
                polarity = (
                    WordPolarity(stored["polarity"], float(stored["polarity_bias"]))
                    if "polarity" in stored.files
                    else None
                )
        except (OSError, ValueError, KeyError) as error:
            raise ModelError(
                "word-vectors-invalid",
                f"{path} is not a word-vector file written by `tousu vectors` ({error}).",
                "rebuild it with `tousu vectors --out PATH`.",
            ) from None
        return cls(words, vectors, polarity)
