"""Fitting a label head with scikit-learn: SVMs, held-out splits, calibration.

Kept apart from `models.classifier` so that serving a model never imports scikit-learn; the
results are stored as `LinearScorer`s. liblinear releases the GIL while it trains, so the SVMs
of the folds are fitted side by side in threads.
"""

import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, StratifiedShuffleSplit, cross_val_predict
from sklearn.svm import LinearSVC
from sklearn.utils.class_weight import compute_class_weight

from models.linear import LinearScorer

Split = tuple[np.ndarray, np.ndarray]


def class_weights(labels: np.ndarray, classes: np.ndarray, cap: float) -> np.ndarray:
    """Balanced weights, at most `cap`: uncapped, a class of a few hundred among tens of
    thousands weighs over a hundred and slows convergence several-fold for little gain."""
    return np.minimum(compute_class_weight("balanced", classes=classes, y=labels), cap)


def fit_linear_svms(
    jobs: Sequence[tuple[sp.csr_matrix, np.ndarray]],
    classes: np.ndarray,
    *,
    c: float,
    tolerance: float,
    max_class_weight: float,
    random_state: int,
) -> list[LinearScorer]:
    """One class-weighted LinearSVC per (features, labels) job.

    With three or more classes each job is split into its one-vs-rest problems, and all the
    problems are fitted side by side: one multi-class LinearSVC would solve them one after
    another on one core. Each problem is the one liblinear itself would solve for that class
    (the class's weight on its own rows, weight 1 on the rest), so the model is the same.
    A job may lack a class (a fold of data with a single example of it): that class then
    never wins in the job's model.
    """
    # liblinear works in float64: convert each job's features once, not once per problem
    jobs = [(features.astype(np.float64), labels) for features, labels in jobs]
    positives: list[object] = [None] if len(classes) < 3 else classes.tolist()
    problems = [(features, labels, one) for features, labels in jobs for one in positives]

    def fit(problem: tuple[sp.csr_matrix, np.ndarray, object]) -> tuple[np.ndarray, np.ndarray]:
        features, labels, positive = problem
        present = np.unique(labels)
        weight_of = dict(
            zip(present.tolist(), class_weights(labels, present, max_class_weight), strict=True)
        )
        if positive is None and len(present) < 2:  # two classes, this job has one of them
            side = 1.0 if present[0] == classes[1] else -1.0
            return np.zeros((1, features.shape[1])), np.array([side])
        if positive is not None:
            if positive not in weight_of:
                return np.zeros((1, features.shape[1])), np.array([-1.0])
            labels, weight_of = labels == positive, {True: weight_of[positive], False: 1.0}
        svm = LinearSVC(C=c, tol=tolerance, class_weight=weight_of, random_state=random_state)
        svm.fit(features, labels)
        return svm.coef_, svm.intercept_

    with ThreadPoolExecutor(min(len(problems), len(os.sched_getaffinity(0)))) as pool:
        fitted = list(pool.map(fit, problems))
    per_job = len(positives)
    return [
        LinearScorer(
            np.vstack([coef for coef, _ in group]).astype(np.float32),
            np.concatenate([intercept for _, intercept in group]).astype(np.float32),
        )
        for group in (fitted[i : i + per_job] for i in range(0, len(fitted), per_job))
    ]


def stratified_folds(labels: np.ndarray, folds: int, random_state: int) -> StratifiedKFold:
    """k-fold, with fewer folds when the smallest class has fewer than k members."""
    smallest = int(np.unique(labels, return_counts=True)[1].min())
    return StratifiedKFold(
        n_splits=max(2, min(folds, smallest)), shuffle=True, random_state=random_state
    )


def calibration_splits(
    labels: np.ndarray, *, cross_validate: bool, folds: int, holdout: float, random_state: int
) -> list[Split]:
    """Where the held-out scores for calibration come from.

    Small data: k-fold, so every complaint is scored once by a model that did not see it.
    Large data: one stratified hold-out, which is as reliable there and k times cheaper.
    """
    rows = np.zeros(len(labels))
    if cross_validate:
        return list(stratified_folds(labels, folds, random_state).split(rows, labels))
    split = StratifiedShuffleSplit(n_splits=1, test_size=holdout, random_state=random_state)
    return list(split.split(rows, labels))


def fit_calibrator(
    scores: np.ndarray, labels: np.ndarray, folds: int, random_state: int
) -> tuple[LinearScorer, np.ndarray]:
    """Logistic calibration of held-out SVM scores, and its own cross-validated probabilities
    (what the thresholds and the held-out metrics are computed on)."""
    model = LogisticRegression(max_iter=1000).fit(scores, labels)
    heldout_probabilities = cross_val_predict(
        LogisticRegression(max_iter=1000),
        scores,
        labels,
        cv=stratified_folds(labels, folds, random_state),
        method="predict_proba",
    )
    return LinearScorer(model.coef_, model.intercept_), heldout_probabilities
