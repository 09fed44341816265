"""Scores and calibrated probabilities without scikit-learn, checked against scikit-learn."""

import pickle

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from sklearn.svm import LinearSVC

from models.head_fitting import class_weights, fit_linear_svms
from models.linear import LinearScorer


@pytest.mark.parametrize("n_classes", [2, 3, 9])
def test_probabilities_match_logistic_regression(n_classes: int) -> None:
    rng = np.random.default_rng(0)
    width = 1 if n_classes == 2 else n_classes  # a binary SVM gives one score column
    scores = rng.normal(size=(300, width))
    labels = rng.integers(0, n_classes, size=300)
    model = LogisticRegression(max_iter=1000).fit(scores, labels)
    ours = LinearScorer(model.coef_, model.intercept_).probabilities(scores)
    np.testing.assert_allclose(ours, model.predict_proba(scores), rtol=1e-6, atol=1e-9)


def test_scores_of_sparse_features() -> None:
    coef = np.array([[1.0, 0.0, 2.0], [0.0, -1.0, 0.5]], dtype=np.float32)
    features = sp.csr_matrix(np.array([[1.0, 2.0, 0.0], [0.0, 0.0, 4.0]], dtype=np.float32))
    scores = LinearScorer(coef, np.array([0.5, -0.5], dtype=np.float32)).scores(features)
    np.testing.assert_allclose(scores, [[1.5, -2.5], [8.5, 1.5]])


def test_class_weights_are_balanced_but_capped() -> None:
    labels = np.array(["P0"] * 2 + ["P1"] * 98 + ["P2"] * 900)
    weights = class_weights(labels, np.array(["P0", "P1", "P2"]), cap=20.0)
    # balanced would give P0 1000 / (3 * 2) = 166.7
    np.testing.assert_allclose(weights, [20.0, 1000 / (3 * 98), 1000 / (3 * 900)])


@pytest.mark.parametrize("n_classes", [2, 3, 5])
def test_one_vs_rest_problems_side_by_side_give_the_multi_class_svm(n_classes: int) -> None:
    rng = np.random.default_rng(1)
    centres = rng.normal(size=(n_classes, 40))
    labels = rng.integers(0, n_classes, size=600)
    labels[: 600 // 20] = 0  # unequal classes, so that the class weights matter
    features = sp.csr_matrix(np.maximum(centres[labels] + rng.normal(size=(600, 40)), 0))
    classes = np.unique(labels)
    weights = class_weights(labels, classes, cap=20.0)
    svm = LinearSVC(
        C=0.5, tol=1e-4, class_weight=dict(zip(classes, weights, strict=True)), random_state=0
    )
    svm.fit(features, labels)
    (ours,) = fit_linear_svms(
        [(features, labels)], classes, c=0.5, tolerance=1e-4, max_class_weight=20.0, random_state=0
    )
    np.testing.assert_allclose(
        ours.scores(features), svm.decision_function(features).reshape(600, -1), atol=1e-3
    )


@pytest.mark.parametrize("n_classes", [2, 4])
def test_a_job_without_some_class_never_predicts_it(n_classes: int) -> None:
    rng = np.random.default_rng(2)
    labels = rng.integers(0, n_classes, size=200)
    features = sp.csr_matrix(np.eye(n_classes)[labels] + rng.random((200, n_classes)) * 0.1)
    lacking = labels != 0  # like a fold of data that had one example of class 0
    full, without_zero = fit_linear_svms(
        [(features, labels), (features[lacking], labels[lacking])],
        np.arange(n_classes),
        c=0.5,
        tolerance=1e-2,
        max_class_weight=20.0,
        random_state=0,
    )
    width = 1 if n_classes == 2 else n_classes
    assert full.scores(features).shape == without_zero.scores(features).shape == (200, width)
    scores = without_zero.scores(features)
    predicted = (scores[:, 0] > 0).astype(int) if n_classes == 2 else scores.argmax(axis=1)
    assert 0 not in set(predicted.tolist())


def test_coefficients_are_kept_so_that_scoring_reads_them_in_place() -> None:
    """scipy copies a non-contiguous dense operand on every sparse product: with the
    coefficients in the wrong order, scoring one complaint copied the whole model."""
    scorer = LinearScorer(np.ones((9, 1000), dtype=np.float32), np.zeros(9, dtype=np.float32))
    assert scorer.coef.T.flags.c_contiguous
    assert pickle.loads(pickle.dumps(scorer)).coef.T.flags.c_contiguous
    old_layout = LinearScorer.__new__(LinearScorer)
    old_layout.__setstate__({"coef": np.ones((9, 1000)), "intercept": np.zeros(9)})
    assert old_layout.coef.T.flags.c_contiguous
