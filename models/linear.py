"""Class-weighted linear SVMs fitted side by side in threads, kept as plain score matrices.

liblinear releases the GIL while it trains, so the fits of the folds share the cores. A fitted
SVM is kept as its coefficients only (float32, like the features): that is all scoring needs.
"""

import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.svm import LinearSVC
from sklearn.utils.class_weight import compute_class_weight


@dataclass(frozen=True)
class LinearScorer:
    """Decision scores of a fitted one-vs-rest SVM: one column per class (one if binary)."""

    coef: np.ndarray
    intercept: np.ndarray

    def scores(self, features: sp.csr_matrix) -> np.ndarray:
        return np.asarray(features @ self.coef.T) + self.intercept


def class_weights(labels: np.ndarray, classes: np.ndarray, cap: float) -> np.ndarray:
    """Balanced weights, at most `cap`: uncapped, a class of a few hundred among tens of
    thousands weighs over a hundred and slows convergence several-fold for little gain."""
    return np.minimum(compute_class_weight("balanced", classes=classes, y=labels), cap)


def fit_linear_svms(
    jobs: Sequence[tuple[sp.csr_matrix, np.ndarray]],
    classes: np.ndarray,
    *,
    c: float,
    max_class_weight: float,
    random_state: int,
) -> list[LinearScorer]:
    """One scorer per (features, labels) job, the jobs fitted side by side."""

    def fit(job: tuple[sp.csr_matrix, np.ndarray]) -> LinearScorer:
        features, labels = job
        weights = class_weights(labels, classes, max_class_weight)
        svm = LinearSVC(
            C=c,
            class_weight=dict(zip(classes.tolist(), weights.tolist(), strict=True)),
            random_state=random_state,
        ).fit(features, labels)
        return LinearScorer(svm.coef_.astype(np.float32), svm.intercept_.astype(np.float32))

    with ThreadPoolExecutor(min(len(jobs), len(os.sched_getaffinity(0)))) as pool:
        return list(pool.map(fit, jobs))
