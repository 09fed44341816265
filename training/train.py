"""Training: labelled complaints in, a model bundle out."""

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from models.bundle import ModelBundle, save_bundle
from models.classifier import ClassifierConfig, ComplaintClassifier
from models.cues import PriorityCues
from models.segment import Segmenter, read_user_dictionary, user_dictionary_hash
from models.word_vectors import WordVectors
from tickets.paths import PathSettings
from tickets.taxonomy import Taxonomy
from training.datasets import LabelledComplaint, dataset_hash
from training.evaluate import head_report

USER_DICTIONARY_FILE = "userdict.txt"
CUES_FILE = "priority_cues.yaml"


@dataclass(frozen=True)
class ModelResources:
    """The files a model is built from besides its labelled data; None leaves one out."""

    user_dictionary: Path | None = None
    cues: Path | None = None
    word_vectors: Path | None = None

    @classmethod
    def shipped(cls, paths: PathSettings) -> "ModelResources":
        """Everything the data directory ships: lexicon, priority cues, word vectors."""
        return cls(paths.user_dictionary, paths.priority_cues, paths.word_vectors)


def config_for(taxonomy: Taxonomy) -> ClassifierConfig:
    """The default hyper-parameters, with the taxonomy's categories for content-free messages
    and for claims a complaint belies."""
    return ClassifierConfig(
        content_free_category=taxonomy.content_free_category,
        belied_claim_category=taxonomy.belied_claim_category,
    )


def build_classifier(config: ClassifierConfig, resources: ModelResources) -> ComplaintClassifier:
    """The classifier with its segmenter, cue list and word vectors, not yet fitted."""
    words = read_user_dictionary(resources.user_dictionary) if resources.user_dictionary else []
    return ComplaintClassifier(
        config,
        Segmenter(words),
        PriorityCues.from_file(resources.cues) if resources.cues else PriorityCues([]),
        WordVectors.load(resources.word_vectors) if resources.word_vectors else None,
    )


def fit_classifier(
    rows: Sequence[LabelledComplaint], config: ClassifierConfig, resources: ModelResources
) -> ComplaintClassifier:
    return build_classifier(config, resources).fit(
        [row.as_complaint() for row in rows],
        [row.category for row in rows],
        [row.priority for row in rows],
    )


def heldout_metrics(classifier: ComplaintClassifier, rows: Sequence[LabelledComplaint]) -> dict:
    """Held-out figures the heads computed while fitting (calibrated, before cues)."""
    metrics = {}
    for name, head, truth in (
        ("category", classifier.category_head_, np.array([r.category for r in rows])),
        ("priority", classifier.priority_head_, np.array([r.priority for r in rows])),
    ):
        probabilities = head.heldout_probabilities_
        order = np.argsort(-probabilities, axis=1)[:, :3]
        report = head_report(
            truth[head.heldout_index_],
            head.classes_[order[:, 0]],
            probabilities.max(axis=1),
            head.classes_[order],
            head.thresholds_,
        )
        metrics[name] = {
            key: report[key]
            for key in ("accuracy", "macro_f1", "top3_accuracy", "coverage", "calibration_error")
        }
    return metrics


def train_bundle(
    rows: Sequence[LabelledComplaint],
    out: Path,
    *,
    config: ClassifierConfig,
    resources: ModelResources,
    progress: Callable[[str], None] = lambda step: None,
) -> ModelBundle:
    """Fit on `rows` and write the bundle to `out` (the word vectors travel inside the
    fitted model, the user dictionary and the cue list also as files to read)."""
    progress("fitting features, both heads and their calibration")
    classifier = fit_classifier(rows, config, resources)
    progress("writing the bundle")
    files = {}
    if resources.user_dictionary:
        files[USER_DICTIONARY_FILE] = resources.user_dictionary
    if resources.cues:
        files[CUES_FILE] = resources.cues
    return save_bundle(
        classifier,
        out,
        data_hash=dataset_hash(rows),
        user_dictionary_hash=user_dictionary_hash(classifier.segmenter.user_words),
        files=files,
        extra={
            "config": asdict(config),
            "training_rows": len(rows),
            "word_vectors_hash": (
                classifier.word_vectors.digest() if classifier.word_vectors else None
            ),
            "heldout_metrics": heldout_metrics(classifier, rows),
        },
    )
