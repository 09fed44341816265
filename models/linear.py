"""Linear scores and calibrated probabilities with NumPy alone.

A fitted head keeps its SVM and its calibrator as plain coefficient arrays, so loading a model
to serve it never imports scikit-learn (which alone costs about a second of start-up).
"""

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from models.features import FeatureMatrix


@dataclass(frozen=True)
class LinearScorer:
    """`features @ coef.T + intercept`: one column per class, or one for a binary problem.

    `coef` is kept in column-major order, so that `coef.T` is contiguous: given a transposed
    view, scipy's sparse product first copies the whole matrix, which made scoring one
    complaint take three times as long as it needs.
    """

    coef: np.ndarray
    intercept: np.ndarray

    def __post_init__(self) -> None:
        object.__setattr__(self, "coef", np.asfortranarray(self.coef))

    def __setstate__(self, state: dict[str, np.ndarray]) -> None:
        self.__dict__.update(state)
        self.__post_init__()

    def scores(self, features: sp.csr_matrix | np.ndarray | FeatureMatrix) -> np.ndarray:
        return np.asarray(features @ self.coef.T) + self.intercept

    def probabilities(self, features: sp.csr_matrix | np.ndarray | FeatureMatrix) -> np.ndarray:
        """Multinomial logistic probabilities (sigmoid for a binary scorer), as in sklearn."""
        scores = self.scores(features)
        if scores.shape[1] == 1:
            scores = np.hstack([np.zeros_like(scores), scores])
        scores = scores - scores.max(axis=1, keepdims=True)
        exponentials = np.exp(scores)
        probabilities: np.ndarray = exponentials / exponentials.sum(axis=1, keepdims=True)
        return probabilities
