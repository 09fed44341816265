"""Word vectors learned from unlabelled complaints: what a word means, from the words around it.

A few thousand labelled complaints never show most of the ways customers say a thing. Vectors
learned from tens of thousands of unlabelled reviews put 退钱 near 退款 and 忽悠 near 骗人, so
the model can read a complaint in words its labelled data never had. A complaint's vector is the
average of its words' vectors (sublinear counts), L2-normalised; `training.word_vectors` learns
the vectors.
"""

import hashlib
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from models.errors import ModelError
from models.sparse_counts import keyed_counts, occurrence_keys


def unit_rows(matrix: np.ndarray) -> np.ndarray:
    """Each row scaled to length 1; rows of zeros stay zeros."""
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms > 0, norms, 1.0)


class WordVectors:
    """One unit-length vector per word, kept at half precision (as stored) and computed with in
    single precision."""

    def __init__(self, words: list[str], vectors: np.ndarray) -> None:
        if len(words) != len(vectors) or len(set(words)) != len(words):
            raise ModelError(
                "word-vectors-invalid",
                f"{len(words)} words (some repeated?) for {len(vectors)} vectors.",
                "give exactly one vector per distinct word; rebuild with `tousu vectors`.",
            )
        self.words = list(words)
        self.vectors = np.asarray(vectors, dtype=np.float16).astype(np.float32)

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
        return digest.hexdigest()

    def document_vectors(
        self, rows: np.ndarray, word_rows: np.ndarray, n_documents: int
    ) -> np.ndarray:
        """Unit vector of each document from its words' (document row, vector row) pairs, a
        negative vector row standing for a word without a vector; a document with no known
        word gets zeros."""
        counts = keyed_counts(
            occurrence_keys(rows, word_rows, len(self.words)), n_documents, len(self.words)
        )
        counts.data = 1.0 + np.log(counts.data)
        return unit_rows(np.asarray(counts @ self.vectors))

    def __getstate__(self) -> dict[str, object]:
        # half precision in the bundle, as in the .npz; the index is rebuilt on use
        return {"words": self.words, "vectors": self.vectors.astype(np.float16)}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.words = state["words"]
        self.vectors = state["vectors"].astype(np.float32)

    def save(self, path: Path) -> None:
        """Words and half-precision vectors in one compressed `.npz` file."""
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            np.savez_compressed(
                handle, words=np.array(self.words), vectors=self.vectors.astype(np.float16)
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
        except (OSError, ValueError, KeyError) as error:
            raise ModelError(
                "word-vectors-invalid",
                f"{path} is not a word-vector file written by `tousu vectors` ({error}).",
                "rebuild it with `tousu vectors --out PATH`.",
            ) from None
        return cls(words, vectors)
