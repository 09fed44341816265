"""Evaluation: accuracy, macro-F1, per-class figures, confusion, top-3, coverage, calibration."""

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import confusion_matrix, precision_recall_fscore_support
from sklearn.model_selection import LeaveOneGroupOut, StratifiedKFold

from models.classifier import ComplaintClassifier, Prediction

TARGET_PRECISION = 0.9
CALIBRATION_BINS = 10


def coverage_at_precision(correct: np.ndarray, confidence: np.ndarray, target: float) -> float:
    """Largest share of predictions, most confident first, whose precision is >= target."""
    if len(correct) == 0:
        return 0.0
    ranked = correct[np.argsort(-confidence, kind="stable")]
    precision = np.cumsum(ranked) / np.arange(1, len(ranked) + 1)
    reaching = np.flatnonzero(precision >= target)
    return float((reaching[-1] + 1) / len(ranked)) if len(reaching) else 0.0


def calibration_error(correct: np.ndarray, confidence: np.ndarray) -> float:
    """Expected calibration error over equal-width confidence bins."""
    bins = np.minimum((confidence * CALIBRATION_BINS).astype(int), CALIBRATION_BINS - 1)
    error = 0.0
    for b in np.unique(bins):
        inside = bins == b
        error += inside.mean() * abs(correct[inside].mean() - confidence[inside].mean())
    return float(error)


def head_report(
    truth: np.ndarray,
    predicted: np.ndarray,
    confidence: np.ndarray,
    top3: np.ndarray | Sequence[Sequence[str]],
    thresholds: dict[str, float],
) -> dict[str, Any]:
    """Every figure for one head (category or priority)."""
    labels = sorted(set(truth) | set(predicted))
    precision, recall, f1, support = precision_recall_fscore_support(
        truth, predicted, labels=labels, zero_division=0
    )
    correct = truth == predicted
    stands = confidence >= np.array([thresholds.get(str(p), 0.0) for p in predicted])
    return {
        "n": len(truth),
        "accuracy": round(float(correct.mean()), 4),
        "macro_f1": round(float(f1.mean()), 4),
        "per_class": {
            label: {
                "precision": round(float(p), 4),
                "recall": round(float(r), 4),
                "f1": round(float(f), 4),
                "support": int(s),
            }
            for label, p, r, f, s in zip(labels, precision, recall, f1, support, strict=True)
        },
        "confusion": {
            "labels": labels,
            "matrix": confusion_matrix(truth, predicted, labels=labels).tolist(),
        },
        "top3_accuracy": round(
            float(np.mean([t in list(top) for t, top in zip(truth, top3, strict=True)])), 4
        ),
        "coverage_at_90_precision": round(
            coverage_at_precision(correct, confidence, TARGET_PRECISION), 4
        ),
        "coverage": round(float(stands.mean()), 4),
        "precision_when_standing": round(float(correct[stands].mean()), 4) if stands.any() else 0.0,
        "calibration_error": round(calibration_error(correct, confidence), 4),
    }


def evaluate_predictions(
    truth_categories: Sequence[str],
    truth_priorities: Sequence[str],
    predictions: Sequence[Prediction],
    thresholds: dict[str, dict[str, float]],
    groups: Sequence[str | None] | None = None,
) -> dict[str, Any]:
    """Reports for both heads, P0 recall, and accuracy per group (e.g. corpus) when given."""
    report: dict[str, Any] = {}
    for head, truth in (("category", truth_categories), ("priority", truth_priorities)):
        answers = [getattr(p, head) for p in predictions]
        report[head] = head_report(
            np.asarray(truth),
            np.array([a.label for a in answers]),
            np.array([a.confidence for a in answers]),
            [a.top_labels for a in answers],
            thresholds[head],
        )
    p0 = report["priority"]["per_class"].get("P0")
    report["p0_recall"] = p0["recall"] if p0 else None
    report["abstained"] = round(float(np.mean([p.abstained for p in predictions])), 4)
    if groups is not None:
        report["by_group"] = _by_group(truth_categories, truth_priorities, predictions, groups)
    return report


def _by_group(
    categories: Sequence[str],
    priorities: Sequence[str],
    predictions: Sequence[Prediction],
    groups: Sequence[str | None],
) -> dict[str, dict[str, float]]:
    result = {}
    names = np.array([g or "-" for g in groups])
    for name in sorted(set(names)):
        inside = np.flatnonzero(names == name).tolist()
        result[name] = {
            "n": len(inside),
            "category_accuracy": round(
                float(np.mean([predictions[i].category.label == categories[i] for i in inside])), 4
            ),
            "priority_accuracy": round(
                float(np.mean([predictions[i].priority.label == priorities[i] for i in inside])), 4
            ),
        }
    return result


def cross_validated_predictions(
    complaints: Sequence[Any],
    categories: Sequence[str],
    priorities: Sequence[str],
    make_classifier: Callable[[], ComplaintClassifier],
    folds: int,
    on_fold: Callable[[int], None] = lambda fold: None,
    groups: Sequence[str] | None = None,
) -> tuple[list[Prediction], dict[str, dict[str, float]]]:
    """Predictions for every row from a model that never saw it: k folds stratified on
    category or, with `groups`, each group predicted by a model trained on the other groups
    (leave one source out: how the model does on a source it has never seen).

    Returns the predictions and the thresholds of the last fold's model (for coverage).
    """
    predictions: list[Prediction | None] = [None] * len(complaints)
    rows = np.zeros(len(categories))
    if groups is None:
        splits = StratifiedKFold(n_splits=folds, shuffle=True, random_state=0).split(
            rows, categories
        )
    else:
        splits = LeaveOneGroupOut().split(rows, categories, groups)
    thresholds: dict[str, dict[str, float]] = {}
    for fold, (train, test) in enumerate(splits):
        model = make_classifier().fit(
            [complaints[i] for i in train],
            [categories[i] for i in train],
            [priorities[i] for i in train],
        )
        for index, prediction in zip(
            test, model.predict([complaints[i] for i in test]), strict=True
        ):
            predictions[index] = prediction
        thresholds = {
            "category": model.category_head_.thresholds_,
            "priority": model.priority_head_.thresholds_,
        }
        on_fold(fold)
    return [p for p in predictions if p is not None], thresholds


def plot_confusion(head: dict[str, Any], title: str, path: Path) -> None:
    """Confusion matrix as a PNG (rows: truth, columns: prediction)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = head["confusion"]["labels"]
    matrix = np.array(head["confusion"]["matrix"])
    figure, axes = plt.subplots(figsize=(1.0 + 0.7 * len(labels), 0.8 + 0.6 * len(labels)))
    axes.imshow(matrix, cmap="Blues")
    axes.set_xticks(range(len(labels)), labels, rotation=45, ha="right")
    axes.set_yticks(range(len(labels)), labels)
    axes.set_xlabel("predicted")
    axes.set_ylabel("true")
    axes.set_title(title)
    for (i, j), value in np.ndenumerate(matrix):
        axes.text(
            j,
            i,
            str(value),
            ha="center",
            va="center",
            color="white" if value > matrix.max() / 2 else "black",
            fontsize=8,
        )
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=120)
    plt.close(figure)
