"""The complaint classifier: category and priority heads over shared features.

Each head is a class-weighted linear SVM whose scores are calibrated into probabilities by a
multinomial logistic regression fitted on held-out scores (see `models.head_fitting`).
Per-class thresholds, chosen on those held-out probabilities for a target precision, decide
whether a prediction stands or abstains. The priority head is then raised to the floor of any
explicit cue that fires.

Rules cover what no labelled complaint teaches: a message with no content of its own (在吗, 收到,
测试), a follow-up that only reports its problem solved (`models.follow_ups`) and an advert
(`models.adverts`) take the taxonomy's category for such messages at the lowest priority, and
a message without a Chinese character keeps the model's labels but abstains. A short message
that only praises or only asks puts that category first when the model has it among its top
three (`models.no_grievance`). A message filed as no complaint is least urgent, as the guide
grades it; if a cue fired on it, the likeliest complaint category comes first instead. Leaving
one source out, this changed 14 categories (6 right, 2 before) and 8 priorities (7 right, 1
before). The category gives way too when the message says how long the customer has waited
(请问快递什么时候到？已经一个星期了): a polite question about a wait is a complaint about it.
A complaint that tells a claim and then what belies it puts the taxonomy's category for that
first when the model has it among its top three (`models.belied_claims`).
Another rule keeps the precision a standing label needs: the most urgent priority, given by
the model with no cue at that grade, abstains. The head's threshold is set on all its
held-out P0s, most of which a cue backs (right 176 times in 191 in 5-fold CV on the shipped
data); those without a cue were right 54 times in 75.
"""

import gc
import heapq
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from operator import itemgetter
from typing import NamedTuple

import numpy as np
import scipy.sparse as sp

from models.adverts import advert_rows
from models.belied_claims import PLAUSIBLE as BELIED_PLAUSIBLE
from models.belied_claims import tells_a_belied_claim
from models.boilerplate import is_content_free
from models.cues import CueMatch, PriorityCues
from models.errors import ModelError
from models.features import BATCH_SIZE, ComplaintText, ComplaintVectorizer, FeatureMatrix
from models.follow_ups import is_resolved_report
from models.no_grievance import (
    PLAUSIBLE,
    has_no_grievance,
    is_only_praise_with_its_closing,
    names_a_wait,
)
from models.normalise import has_chinese, normalise_text
from models.segment import Segmenter
from models.word_vectors import WordVectors

TOP_K = 3
EXPLAIN_TERMS = 5
MAX_TEXT_LENGTH = 20_000


@dataclass(frozen=True)
class ClassifierConfig:
    """Hyper-parameters; the defaults were chosen by cross-validation on the seed data."""

    c: float = 0.5
    # liblinear's stopping tolerance: 1e-2 takes about a third fewer passes over the data than
    # scikit-learn's 1e-4 for the same predictions on the seed data and the public benchmarks
    svm_tolerance: float = 1e-2
    char_max_n: int = 3
    min_df: int = 2
    # weight of the word-vector block beside the word and character blocks (unit length each)
    vector_weight: float = 1.0
    folds: int = 5
    # above this many rows, calibrate on one stratified hold-out instead of k folds
    cross_validate_up_to: int = 20_000
    holdout_fraction: float = 0.1
    max_class_weight: float = 20.0
    target_precision: float = 0.9
    min_threshold_support: int = 5
    random_state: int = 0
    # the category a message with no content of its own gets by rule (the taxonomy's
    # content_free category); None: the model labels such messages like any other
    content_free_category: str | None = None
    # the category a complaint that tells a claim and then what belies it comes to, when the
    # model finds it plausible (the taxonomy's belied_claims category); None: no such rule
    belied_claim_category: str | None = None


class HeadPrediction(NamedTuple):
    """One head's answer (a tuple: thousands are made per batch)."""

    label: str
    confidence: float
    top_labels: list[str]
    top_confidences: list[float]
    abstained: bool

    @property
    def top(self) -> list[tuple[str, float]]:
        """The most likely labels with their probabilities, best first."""
        return list(zip(self.top_labels, self.top_confidences, strict=True))


@dataclass(slots=True)
class Prediction:
    """Both heads' answers for one complaint."""

    category: HeadPrediction
    priority: HeadPrediction
    priority_from_model: str
    cues: list[CueMatch] = field(default_factory=list)
    explanation: list[tuple[str, float]] = field(default_factory=list)
    # the rule that labelled a message that is no complaint, if any: content_free,
    # resolved_report or advert
    by_rule: str | None = None

    @property
    def content_free(self) -> bool:
        """Labelled by rule: the message says nothing but hello or thanks."""
        return self.by_rule == "content_free"

    @property
    def resolved_report(self) -> bool:
        """Labelled by rule: a follow-up that only reports its problem solved."""
        return self.by_rule == "resolved_report"

    @property
    def advert(self) -> bool:
        """Labelled by rule: an advert or spam."""
        return self.by_rule == "advert"

    @property
    def abstained(self) -> bool:
        return self.category.abstained or self.priority.abstained

    def to_record(self, model_version: str) -> dict[str, object]:
        """The prediction fields shared by `tousu predict` and the API."""
        return {
            "category": self.category.label,
            "category_confidence": round(self.category.confidence, 4),
            "category_top3": self.category.top_labels,
            "priority": self.priority.label,
            "priority_confidence": round(self.priority.confidence, 4),
            "abstained": self.abstained,
            "model_version": model_version,
        }


def thresholds_for_precision(
    probabilities: np.ndarray,
    truth: np.ndarray,
    classes: np.ndarray,
    target: float,
    min_support: int,
) -> dict[str, float]:
    """Lowest confidence per predicted class at which held-out precision reaches `target`.

    Predictions of a class are sorted by confidence; the threshold is the confidence of the
    largest top slice (at least `min_support` predictions) whose precision is >= target. A
    class that never reaches the target gets 1.0 + epsilon: it always goes to human review.
    """
    predicted = classes[probabilities.argmax(axis=1)]
    confidence = probabilities.max(axis=1)
    thresholds: dict[str, float] = {}
    for label in classes:
        mine = predicted == label
        order = np.argsort(-confidence[mine], kind="stable")
        correct = (truth[mine] == label)[order]
        precision = np.cumsum(correct) / np.arange(1, len(correct) + 1)
        good = np.flatnonzero(
            (precision >= target) & (np.arange(1, len(correct) + 1) >= min_support)
        )
        thresholds[str(label)] = (
            float(confidence[mine][order][good[-1]]) if len(good) else 1.0 + 1e-9
        )
    return thresholds


def runner_up(prediction: HeadPrediction, label: str, at_least: float) -> bool:
    """Whether `label` is among the prediction's top labels, not first, at `at_least` or more."""
    labels = prediction.top_labels
    return (
        label in labels
        and labels[0] != label
        and prediction.top_confidences[labels.index(label)] >= at_least
    )


def no_complaint_rule(normalised: str, advert: bool) -> str | None:
    """The rule that finds a message no complaint, if one does (`Prediction.by_rule`)."""
    if is_content_free(normalised):
        return "content_free"
    if is_resolved_report(normalised):
        return "resolved_report"
    return "advert" if advert else None


def overruled(prediction: HeadPrediction, label: str) -> HeadPrediction:
    """A head's prediction replaced by a rule's `label`: certain, first of the top labels (the
    labels after it keep the model's order and confidences)."""
    others = [
        (other, confidence)
        for other, confidence in zip(prediction.top_labels, prediction.top_confidences, strict=True)
        if other != label
    ][: TOP_K - 1]
    return HeadPrediction(
        label,
        1.0,
        [label, *(other for other, _ in others)],
        [1.0, *(confidence for _, confidence in others)],
        False,
    )


class LabelHead:
    """One output of the classifier: scores, calibration, thresholds."""

    def __init__(self, config: ClassifierConfig) -> None:
        self.config = config

    def fit(self, features: sp.csr_matrix, labels: np.ndarray) -> "LabelHead":
        self.classes_ = np.unique(labels)
        if len(self.classes_) < 2:
            raise ModelError(
                "too-few-labels",
                f"training data has only the label {self.classes_.tolist()}.",
                "label complaints with at least two different values per head.",
            )
        # imported here: serving a fitted head must not pay for importing scikit-learn
        from models import head_fitting

        config = self.config
        cross_validate = len(labels) <= config.cross_validate_up_to
        splits = head_fitting.calibration_splits(
            labels,
            cross_validate=cross_validate,
            folds=config.folds,
            holdout=config.holdout_fraction,
            random_state=config.random_state,
        )
        jobs = [(features[train], labels[train]) for train, _ in splits]
        if cross_validate:
            jobs.append((features, labels))  # the final model sees every row
        scorers = head_fitting.fit_linear_svms(
            jobs,
            self.classes_,
            c=config.c,
            tolerance=config.svm_tolerance,
            max_class_weight=config.max_class_weight,
            random_state=config.random_state,
        )
        # on large data the hold-out model is the final one: refitting on 100 % instead of
        # 80 % of tens of thousands of rows changes little and would double the training time
        self.scorer_ = scorers[-1]
        self.heldout_index_ = np.concatenate([test for _, test in splits])
        heldout_scores = np.concatenate(
            [
                scorer.scores(features[test])
                for scorer, (_, test) in zip(scorers[: len(splits)], splits, strict=True)
            ]
        )
        heldout_labels = labels[self.heldout_index_]
        self.calibrator_, self.heldout_probabilities_ = head_fitting.fit_calibrator(
            heldout_scores, heldout_labels, config.folds, config.random_state
        )
        self.thresholds_ = thresholds_for_precision(
            self.heldout_probabilities_,
            heldout_labels,
            self.classes_,
            config.target_precision,
            config.min_threshold_support,
        )
        return self

    def predict_proba(self, features: sp.csr_matrix | FeatureMatrix) -> np.ndarray:
        return self.calibrator_.probabilities(self.scorer_.scores(features))

    def promoted(self, prediction: HeadPrediction, label: str) -> HeadPrediction:
        """The prediction with `label`, one of its top labels, first: with the head's own
        confidence, abstaining below the label's threshold."""
        position = prediction.top_labels.index(label)
        confidence = prediction.top_confidences[position]
        order = [position, *(i for i in range(len(prediction.top_labels)) if i != position)]
        return HeadPrediction(
            label,
            confidence,
            [prediction.top_labels[i] for i in order],
            [prediction.top_confidences[i] for i in order],
            confidence < self.thresholds_[label],
        )

    def decide(self, probabilities: np.ndarray) -> list[HeadPrediction]:
        order = np.argsort(-probabilities, axis=1)[:, :TOP_K]
        labels = self.classes_[order].tolist()
        confidences = np.take_along_axis(probabilities, order, axis=1).tolist()
        thresholds = [self.thresholds_[label] for label in self.classes_.tolist()]
        abstained = (
            np.take_along_axis(probabilities, order[:, :1], axis=1)[:, 0]
            < np.asarray(thresholds)[order[:, 0]]
        ).tolist()
        return list(
            map(
                HeadPrediction,
                [top[0] for top in labels],
                [top[0] for top in confidences],
                labels,
                confidences,
                abstained,
            )
        )


@contextmanager
def cycle_collector_paused() -> Iterator[None]:
    """Python's cycle collector off for the duration. Classifying a batch makes a great many
    small objects (tokens, lists, results) and no reference cycles, so the collector's passes
    over everything else alive free nothing; they cost about a tenth of the batch's time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class ComplaintClassifier:
    """Category and priority for complaints; fit on labelled complaints, then predict."""

    def __init__(
        self,
        config: ClassifierConfig | None = None,
        segmenter: Segmenter | None = None,
        cues: PriorityCues | None = None,
        word_vectors: WordVectors | None = None,
    ) -> None:
        self.config = config or ClassifierConfig()
        self.segmenter = segmenter or Segmenter()
        self.cues = cues or PriorityCues([])
        self.word_vectors = word_vectors

    def fit(
        self,
        complaints: Sequence[ComplaintText],
        categories: Sequence[str],
        priorities: Sequence[str],
    ) -> "ComplaintClassifier":
        self.vectorizer_ = ComplaintVectorizer(
            self.segmenter,
            char_max_n=self.config.char_max_n,
            min_df=self.config.min_df,
            word_vectors=self.word_vectors,
            vector_weight=self.config.vector_weight,
        )
        features = self.vectorizer_.fit_transform(complaints)
        with ThreadPoolExecutor(2) as pool:  # the heads are independent: fit them side by side
            category = pool.submit(LabelHead(self.config).fit, features, np.asarray(categories))
            priority = pool.submit(LabelHead(self.config).fit, features, np.asarray(priorities))
            self.category_head_, self.priority_head_ = category.result(), priority.result()
        # priority codes sort from most to least urgent (P0 < P1 < P2)
        self.priority_rank_ = {str(p): i for i, p in enumerate(self.priority_head_.classes_)}
        unknown = {cue.floor for cue in self.cues.cues} - set(self.priority_rank_)
        if unknown:
            raise ModelError(
                "cue-floor-unknown",
                f"priority cues use floors {sorted(unknown)} that the training data never has.",
                f"use floors among {sorted(self.priority_rank_)} in the cue file.",
            )
        return self

    def says_nothing(self, complaint: ComplaintText) -> bool:
        """Whether `predict` would file the message as no complaint for saying nothing (你好,
        谢谢, 测试: `Prediction.content_free`), found without the model: a chat channel asks
        this of every message before it makes a ticket, which classifies it."""
        if self.config.content_free_category is None:
            return False
        text = normalise_text(complaint.body())
        return is_content_free(text) and not self.cues.match(text)

    def predict(
        self, complaints: Sequence[ComplaintText], explain: bool = False
    ) -> list[Prediction]:
        predictions: list[Prediction] = []
        with cycle_collector_paused():
            for start in range(0, len(complaints), BATCH_SIZE):
                batch = complaints[start : start + BATCH_SIZE]
                predictions.extend(self._predict_batch(batch, explain))
        return predictions

    def _predict_batch(
        self, complaints: Sequence[ComplaintText], explain: bool
    ) -> list[Prediction]:
        features, normalised = self.vectorizer_.transform_with_texts(complaints)
        categories = self.category_head_.decide(self.category_head_.predict_proba(features))
        priorities = self.priority_head_.decide(self.priority_head_.predict_proba(features))
        content_free_category = self.config.content_free_category
        belied_claim_category = self.config.belied_claim_category
        adverts = advert_rows(normalised) if content_free_category else set()
        results = []
        for row, (complaint, text, fired, category, priority) in enumerate(
            zip(
                complaints,
                normalised.texts,
                self.cues.match_joined(normalised),
                categories,
                priorities,
                strict=True,
            )
        ):
            from_model = priority.label
            if content_free_category and not fired:
                rule = no_complaint_rule(text, row in adverts)
                if rule:
                    results.append(
                        Prediction(
                            category=overruled(category, content_free_category),
                            priority=overruled(priority, self._least_urgent),
                            priority_from_model=from_model,
                            by_rule=rule,
                        )
                    )
                    continue
                # the promotion needs it; tested here, the call for every text cost 1-3 %
                if content_free_category in category.top_labels:
                    category = self._without_grievance(
                        complaint, text, category, content_free_category
                    )
            if belied_claim_category and belied_claim_category in category.top_labels:
                category = self._as_belied_claim(text, category, belied_claim_category)
            if category.label == content_free_category:
                category, priority = self._as_no_complaint(text, category, priority, fired)
            if not has_chinese(text):
                # an English mail or a string of letters: the model was trained on nothing like
                # it, and its confidence there means nothing, so a person decides
                category = category._replace(abstained=True)
                if not fired:  # a cue that fired still sets the priority
                    priority = priority._replace(abstained=True)
            results.append(
                Prediction(
                    category=category,
                    priority=self._confirmed_by_cue(self._apply_floor(priority, fired), fired),
                    priority_from_model=from_model,
                    cues=fired,
                    explanation=(
                        self._explain(features.terms, row, category.label) if explain else []
                    ),
                )
            )
        return results

    def _without_grievance(
        self, complaint: ComplaintText, text: str, category: HeadPrediction, non_complaint: str
    ) -> HeadPrediction:
        """Praise or a plain question, if the model itself finds that plausible: the
        non-complaint category first."""
        if runner_up(category, non_complaint, PLAUSIBLE) and (
            has_no_grievance(text) or is_only_praise_with_its_closing(complaint.text)
        ):
            return self.category_head_.promoted(category, non_complaint)
        return category

    def _as_belied_claim(self, text: str, category: HeadPrediction, claims: str) -> HeadPrediction:
        """A claim the complaint then belies, if the model itself finds its category plausible:
        that category first (`models.belied_claims`)."""
        if runner_up(category, claims, BELIED_PLAUSIBLE) and tells_a_belied_claim(text):
            return self.category_head_.promoted(category, claims)
        return category

    def _as_no_complaint(
        self, text: str, category: HeadPrediction, priority: HeadPrediction, fired: list[CueMatch]
    ) -> tuple[HeadPrediction, HeadPrediction]:
        """The guide grades every message that is no complaint least urgent. When a cue says
        it is urgent, or the message says how long it has waited (请问退款什么时候到账？
        已经申请十天了: a polite question, read by its 请问), the category is what is wrong
        far more often: the likeliest complaint category comes first. Otherwise the least
        urgent priority does, if the model finds it plausible (a plain question came back P0
        from the model: 你们公司在上海有门店吗)."""
        if fired or names_a_wait(text):
            # a head has two categories at least, so its top labels name another
            complaint = next(label for label in category.top_labels if label != category.label)
            return self.category_head_.promoted(category, complaint), priority
        if runner_up(priority, self._least_urgent, PLAUSIBLE):
            priority = self.priority_head_.promoted(priority, self._least_urgent)
        return category, priority

    @property
    def _least_urgent(self) -> str:
        return max(self.priority_rank_, key=self.priority_rank_.__getitem__)

    def _apply_floor(self, priority: HeadPrediction, fired: list[CueMatch]) -> HeadPrediction:
        """Raise the priority to the most urgent cue floor; a rule-set priority is certain."""
        if not fired:
            return priority
        floor = min((cue.floor for cue in fired), key=self.priority_rank_.__getitem__)
        if self.priority_rank_[floor] >= self.priority_rank_[priority.label]:
            return priority
        return overruled(priority, floor)

    def _confirmed_by_cue(self, priority: HeadPrediction, fired: list[CueMatch]) -> HeadPrediction:
        """The most urgent priority abstains unless a cue at that grade fired."""
        if self.priority_rank_[priority.label] > 0 or any(
            cue.floor == priority.label for cue in fired
        ):
            return priority
        return priority._replace(abstained=True)

    def _explain(self, terms: sp.csr_matrix, row: int, label: str) -> list[tuple[str, float]]:
        """The terms that pushed the category score most towards `label` (the complaint's
        vector is no term and is left out)."""
        head = self.category_head_
        coefficients = head.scorer_.coef
        index = int(np.searchsorted(head.classes_, label)) if coefficients.shape[0] > 1 else 0
        start, end = terms.indptr[row], terms.indptr[row + 1]
        columns = terms.indices[start:end]
        contributions = terms.data[start:end] * coefficients[index, columns]
        names = self.feature_names()
        # a character and a word can read the same: add them up under one term
        by_term: dict[str, float] = {}
        for column, weight in zip(columns.tolist(), contributions.tolist(), strict=True):
            term = names[column]
            by_term[term] = by_term.get(term, 0.0) + weight
        strongest = heapq.nlargest(EXPLAIN_TERMS, by_term.items(), key=itemgetter(1))
        return [(term, round(weight, 4)) for term, weight in strongest if weight > 0]

    def feature_names(self) -> list[str]:
        names: list[str] | None = getattr(self, "_feature_names", None)
        if names is None:
            names = self.vectorizer_.feature_names()
            self._feature_names = names
        return names

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state.pop("_feature_names", None)
        return state
