"""Explicit priority cues: safety and escalation phrases that set a floor under the priority.

The labelling guide says some complaints are never below a grade (an injury is P0, a threat to
go to 12315 is P1). A statistical model trained on a few dozen P0 examples misses some of them,
so the guide's cues are applied as rules on top of it and named in the response.
"""

import re
from dataclasses import dataclass
from pathlib import Path

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
    pattern: re.Pattern[str]


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
                pattern = re.compile("|".join(f"(?:{p})" for p in entry["patterns"]))
            except re.error as error:
                raise ModelError(
                    "cue-pattern",
                    f"{source}: cue {entry['id']!r} has an invalid pattern: {error}.",
                    "fix the regular expression (Python `re` syntax).",
                ) from None
            cues.append(Cue(entry["id"], entry["floor"], entry.get("description", ""), pattern))
        return cls(cues)

    @classmethod
    def from_file(cls, path: Path) -> "PriorityCues":
        return cls.from_yaml(path.read_text(encoding="utf-8"), str(path))

    def match(self, normalised_text: str) -> list[CueMatch]:
        """Every cue that fires on the text (first non-negated match of each)."""
        fired = []
        for cue in self.cues:
            for found in cue.pattern.finditer(normalised_text):
                before = normalised_text[max(0, found.start() - NEGATION_WINDOW) : found.start()]
                if not NEGATION_BEFORE.search(before):
                    fired.append(CueMatch(cue.id, cue.floor, found.group()))
                    break
        return fired
