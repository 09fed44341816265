"""Explicit priority cues: safety and escalation phrases that set a floor under the priority.

The labelling guide says some complaints are never below a grade (an injury is P0, a threat to
go to 12315 is P1). A statistical model trained on a few dozen P0 examples misses some of them,
so the guide's cues are applied as rules on top of it and named in the response.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

from models.errors import ModelError

NEGATION_BEFORE = re.compile(r"(没有|没|未|无|不是|并未)$")
NEGATION_WINDOW = 3


@dataclass(frozen=True, slots=True)
class CueMatch:
    """A cue that fired: its id, the floor it sets and the words that fired it."""

    cue: str
    floor: str
    matched: str


@dataclass(frozen=True, slots=True)
class Cue:
    id: str
    floor: str
    description: str
    patterns: tuple[re.Pattern[str], ...]


def _compile(patterns: list[str]) -> tuple[re.Pattern[str], ...]:
    """One regex for the character-led patterns together, one for each group-led pattern.

    The regex engine skips ahead by first character only when every alternative starts with
    one, so the two kinds are kept apart.
    """
    led_by_group = [p for p in patterns if p.startswith("(")]
    led_by_character = [p for p in patterns if not p.startswith("(")]
    joined = ["|".join(led_by_character)] if led_by_character else []
    return tuple(re.compile(p) for p in joined + led_by_group)


class PriorityCues:
    """The cue list, matched against normalised text."""

    def __init__(self, cues: list[Cue]) -> None:
        self.cues = cues

    @classmethod
    def from_yaml(cls, text: str, source: str = "<cues>") -> "PriorityCues":
        document = yaml.safe_load(text) or {}
        cues = []
        for position, entry in enumerate(document.get("cues", []), start=1):
            missing = {"id", "floor", "patterns"} - set(entry)
            if missing:
                raise ModelError(
                    "cue-invalid",
                    f"{source}: cue #{position} lacks {sorted(missing)}.",
                    "give every cue an id, a floor (P0, P1 or P2) and a list of patterns.",
                )
            try:
                patterns = _compile(entry["patterns"])
            except re.error as error:
                raise ModelError(
                    "cue-pattern",
                    f"{source}: cue {entry['id']!r} has an invalid pattern: {error}.",
                    "fix the regular expression (Python `re` syntax).",
                ) from None
            cues.append(Cue(entry["id"], entry["floor"], entry.get("description", ""), patterns))
        return cls(cues)

    @classmethod
    def from_file(cls, path: Path) -> "PriorityCues":
        return cls.from_yaml(path.read_text(encoding="utf-8"), str(path))

    def match(self, normalised_text: str) -> list[CueMatch]:
        """Every cue that fires on the text (first non-negated match of each)."""
        return self.match_batch([normalised_text])[0]

    def match_batch(self, normalised_texts: Sequence[str]) -> list[list[CueMatch]]:
        """`match` for many texts, scanning them as one string (one regex call per pattern)."""
        joined = "\n".join(text.replace("\n", " ") for text in normalised_texts)
        starts = np.cumsum([0] + [len(text) + 1 for text in normalised_texts[:-1]])
        fired: list[list[CueMatch]] = [[] for _ in normalised_texts]
        for cue in self.cues:
            done: set[int] = set()
            for pattern in cue.patterns:
                for found in pattern.finditer(joined):
                    document = int(np.searchsorted(starts, found.start(), side="right")) - 1
                    if document in done:
                        continue
                    window = joined[
                        max(starts[document], found.start() - NEGATION_WINDOW) : found.start()
                    ]
                    if not NEGATION_BEFORE.search(window):
                        done.add(document)
                        fired[document].append(CueMatch(cue.id, cue.floor, found.group()))
        return fired
