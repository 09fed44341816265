"""The confidence policy: what a suggested label becomes on intake.

Per head: at or above the auto-apply threshold the suggestion becomes the final label (marked
automatic); at or above the suggest threshold it is pre-filled for the agent to confirm; below
that, or when the model abstained, the ticket goes to needs_review. The auto-apply thresholds
are the model bundle's per-class thresholds (chosen for 90 % held-out precision) unless
settings override them.
"""

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol

from pydantic_settings import BaseSettings, SettingsConfigDict

from tickets import lifecycle

if TYPE_CHECKING:
    from tickets.tables import Ticket

AUTO, SUGGESTED, REVIEW = "auto", "suggested", "review"


class PolicySettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TOUSU_", env_file=".env", extra="ignore")

    suggest_threshold: float = 0.4
    # when set, replaces the bundle's per-class auto-apply thresholds for every class
    auto_apply_threshold: float | None = None


@lru_cache(maxsize=1)
def get_policy_settings() -> PolicySettings:
    return PolicySettings()


@dataclass(frozen=True)
class HeadDecision:
    label: str
    confidence: float
    outcome: str  # auto, suggested or review

    @property
    def final_label(self) -> str | None:
        return self.label if self.outcome == AUTO else None


def decide(
    label: str, confidence: float, abstained: bool, settings: PolicySettings
) -> HeadDecision:
    """`abstained` is the bundle's verdict: below its per-class threshold (a priority raised by
    a safety cue never abstains)."""
    if settings.auto_apply_threshold is None:
        automatic = not abstained
    else:
        automatic = confidence >= settings.auto_apply_threshold
    if automatic:
        return HeadDecision(label, confidence, AUTO)
    if confidence >= settings.suggest_threshold:
        return HeadDecision(label, confidence, SUGGESTED)
    return HeadDecision(label, confidence, REVIEW)


class HeadAnswer(Protocol):
    """What the policy reads of one head's prediction (a `models.classifier.HeadPrediction`)."""

    @property
    def label(self) -> str: ...
    @property
    def confidence(self) -> float: ...
    @property
    def abstained(self) -> bool: ...


@dataclass(frozen=True)
class Suggestion:
    category: HeadDecision
    priority: HeadDecision
    model_version: str


def suggestion(category: HeadAnswer, priority: HeadAnswer, model_version: str) -> Suggestion:
    """The model's two answers put through the confidence policy."""
    settings = get_policy_settings()
    return Suggestion(
        decide(category.label, category.confidence, category.abstained, settings),
        decide(priority.label, priority.confidence, priority.abstained, settings),
        model_version,
    )


def take_suggestion(ticket: "Ticket", advice: Suggestion) -> None:
    """A new suggestion on a stored ticket: it replaces the suggested labels and a label the
    policy applied automatically; a label an agent set (or a rule raised) stays."""
    ticket.suggested_category = advice.category.label
    ticket.suggested_category_confidence = advice.category.confidence
    ticket.suggested_priority = advice.priority.label
    ticket.suggested_priority_confidence = advice.priority.confidence
    ticket.model_version = advice.model_version
    for head, decision in (("category", advice.category), ("priority", advice.priority)):
        if getattr(ticket, f"{head}_source") in (None, AUTO):
            setattr(ticket, head, decision.final_label)
            setattr(ticket, f"{head}_source", AUTO if decision.final_label else None)


def review_if_unsure(ticket: "Ticket", advice: Suggestion) -> None:
    """A ticket nobody holds goes to review, or leaves it, as the new suggestion says."""
    if ticket.assignee_id is not None or ticket.status not in (
        lifecycle.TRIAGED,
        lifecycle.NEEDS_REVIEW,
    ):
        return
    unsure = any(
        decision.outcome == REVIEW and getattr(ticket, f"{head}_source") in (None, AUTO)
        for head, decision in (("category", advice.category), ("priority", advice.priority))
    )
    ticket.status = lifecycle.NEEDS_REVIEW if unsure else lifecycle.TRIAGED
