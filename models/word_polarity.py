"""Which way a complaint leans, from how each of its words leans in rated public reviews.

The labelled complaints hold a few hundred messages that praise or only ask; public reviews
hold tens of thousands rated good or bad. A logistic regression on those ratings gives each word
a weight (不错 and 辛苦了 lean good, 失望 and 只能 bad), so the model can tell praise and neutral
work orders from complaints in words its labelled data never had. `training.word_polarity`
learns the weights; they travel with the word vectors, one per word.
"""

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from models.errors import ModelError

# a review's log-odds run to about ±10; a quarter of it keeps the feature, squashed by tanh,
# in the range of the vector entries beside it
SCORE_SCALE = 0.25


@dataclass(frozen=True)
class WordPolarity:
    """One weight per word of the word vectors (their order), and the regression's intercept."""

    weights: np.ndarray
    bias: float

    def __post_init__(self) -> None:
        if self.weights.ndim != 1 or not np.isfinite(self.weights).all():
            raise ModelError(
                "word-polarity-invalid",
                "word polarity must be one finite weight per word.",
                "rebuild the vectors with `tousu vectors --ratings ...`.",
            )

    def document_scores(self, counts: sp.csr_matrix) -> np.ndarray:
        """Each document's lean in (-1, 1), from which words it has (a (document, word) count
        matrix): the regression's log-odds, squashed. A document with no known word gets the
        intercept's lean."""
        log_odds = unit_presence(counts) @ self.weights + self.bias
        return np.tanh(log_odds * SCORE_SCALE).astype(np.float32)


def unit_presence(counts: sp.csr_matrix) -> sp.csr_matrix:
    """Which words each document has, each once, the row L2-normalised: what the weights are
    fitted on (`training.word_polarity`) and applied to. `counts` has one entry per (document,
    word)."""
    present = sp.csr_matrix(
        (np.ones(counts.nnz, dtype=np.float32), counts.indices, counts.indptr), shape=counts.shape
    )
    norms = np.sqrt(np.maximum(np.diff(counts.indptr), 1)).astype(np.float32)
    return sp.csr_matrix(sp.diags(1 / norms) @ present)
