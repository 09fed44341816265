"""A normalised text cut into clauses at its punctuation, and put back without some of them.

Shared by the steps that leave clauses out of what the features read (`models.contrast`,
`models.fillers`, `models.generic_requests`). Matched on normalised text: half-width punctuation.
"""

import re
from collections.abc import Callable

BREAKS = r"[,.!?;:~、。…\s]"
CLAUSE_BREAK = re.compile(f"({BREAKS}+)")


def without_clauses(text: str, unwanted: Callable[[str], bool]) -> str:
    """The text without the clauses `unwanted` picks (each with the break after it); the whole
    text when nothing else would remain."""
    parts = CLAUSE_BREAK.split(text)
    kept = "".join(
        clause + after
        for clause, after in zip(parts[0::2], [*parts[1::2], ""], strict=True)
        if not unwanted(clause)
    )
    return kept if kept.strip() else text


def without_whole_clauses(
    text: str, guard: re.Pattern[str], pattern: re.Pattern[str], clause_guard: bool = False
) -> str:
    """The text without the clauses that are nothing but `pattern`; cut into clauses only if
    `guard`, a cheaper search for what such a clause needs, finds it (and, with
    `clause_guard`, each clause tried only if it finds it there too)."""
    if not guard.search(text):
        return text
    if clause_guard:
        return without_clauses(
            text, lambda clause: guard.search(clause) is not None and _whole(pattern, clause)
        )
    return without_clauses(text, lambda clause: _whole(pattern, clause))


def _whole(pattern: re.Pattern[str], clause: str) -> bool:
    return pattern.fullmatch(clause) is not None
