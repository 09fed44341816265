"""Ticket statuses and the moves allowed between them."""

from tickets.errors import TousuError

NEW, TRIAGED, ASSIGNED, IN_PROGRESS = "new", "triaged", "assigned", "in_progress"
AWAITING_CUSTOMER, RESOLVED, CLOSED = "awaiting_customer", "resolved", "closed"
REOPENED, NEEDS_REVIEW = "reopened", "needs_review"

TRANSITIONS: dict[str, tuple[str, ...]] = {
    NEW: (TRIAGED, NEEDS_REVIEW, ASSIGNED),
    NEEDS_REVIEW: (TRIAGED, ASSIGNED),
    TRIAGED: (ASSIGNED, NEEDS_REVIEW),
    ASSIGNED: (IN_PROGRESS, AWAITING_CUSTOMER, RESOLVED, TRIAGED),
    IN_PROGRESS: (AWAITING_CUSTOMER, RESOLVED, ASSIGNED),
    AWAITING_CUSTOMER: (IN_PROGRESS, RESOLVED),
    RESOLVED: (CLOSED, REOPENED),
    REOPENED: (ASSIGNED, IN_PROGRESS, RESOLVED),
    CLOSED: (REOPENED,),
}
STATUSES = tuple(TRANSITIONS)
OPEN_STATUSES = tuple(s for s in STATUSES if s not in (RESOLVED, CLOSED))


def check_transition(current: str, target: str) -> None:
    """Refuse a move the lifecycle does not allow, naming the allowed ones."""
    if target not in TRANSITIONS:
        raise TousuError(
            "status-unknown",
            f"there is no status {target!r}.",
            f"use one of {', '.join(STATUSES)}.",
        )
    allowed = TRANSITIONS[current]
    if target not in allowed:
        raise TousuError(
            "status-transition",
            f"a ticket cannot go from {current} to {target}.",
            f"from {current} it can go to: {', '.join(allowed)}.",
        )
