"""Explicit priority cues: safety and escalation phrases that set a floor under the priority.

The labelling guide says some complaints are never below a grade (an injury is P0, a threat to
go to 12315 is P1). A statistical model trained on a few dozen P0 examples misses some of them,
so the guide's cues are applied as rules on top of it and named in the response.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from models.errors import ModelError
from models.joined_texts import JoinedTexts
from models.match_starts import MatchStarts

# not told as having happened: denied (没有受伤, 没有任何推诿), or feared (怕起火, 担心会漏电,
# 万一着火); 可怕, 好怕 and 恐怕 (probably) tell it, and 是不是 asks
DENIAL_OR_FEAR_BEFORE = re.compile(
    r"(没有|没|未|无|(?<!是)不是|并未|(?<![可好恐])怕|担心|万一)(任何|一点|丝毫|会|要)?$"
)
DENIAL_OR_FEAR_WINDOW = 4
# A form asks (是否发生SIM卡被盗补和资金损失) and answers (未发生SIM卡被盗补): the clause before
# a match that asks whether, or says it did not happen, tells nothing happened. Asking what
# caused it (奶粉是否导致孩子中毒) still tells the harm.
ASKED_OR_DENIED_BEFORE = re.compile(
    r"(是否(?![^,.!?;:。\n~@]*(?:导致|造成|引起|引发|害得|使得))"
    r"|(?:^|[,.!?;:。\n~@])(?:未|没有?)(?:发生|出现))[^,.!?;:。\n~@]*$"
)
ANSWERED_YES_AFTER = re.compile(r"[^,.!?;:。\n~@]{0,30}:是(?!否)")  # 是否重复投诉:是
CLAUSE_WINDOW = 30


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


def _split(pattern: str) -> tuple[list[str], int]:
    """The top-level alternatives of a pattern (`a|(b|c)d` -> `a`, `(b|c)d`), and where the
    first group closes (-1 when the pattern does not start with one)."""
    parts, depth, start, index, first_close = [], 0, 0, 0, -1
    in_class = False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 1  # the escaped character is never structure
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0 and first_close < 0 and pattern.startswith("("):
                first_close = index
        elif char == "|" and depth == 0:
            parts.append(pattern[start:index])
            start = index + 1
        index += 1
    return [*parts, pattern[start:]], first_close


PLAIN_WORDS = re.compile(r"[^\\()\[\]|.?*+{}^$]+")
BACKREFERENCE = re.compile(r"\\[1-9]|\(\?P=")
# a negated class, `[^。！？]`: it would match the line break between two texts of a batch
NEGATED_CLASS = re.compile(r"(?<!\\)\[\^")


def _led_by_characters(alternative: str) -> list[str] | None:
    """An alternative as alternatives that each start with a character: itself, or
    `(ab|c)rest` spelled out as `abrest`, `crest`; None when its group cannot be spelled out
    (not plain words, repeated as in `(被)?`, or referred to later as in `(a|b)\\1`)."""
    if not alternative.startswith("("):
        return [alternative]
    _, close = _split(alternative)
    words, _ = _split(alternative[1:close])
    rest = alternative[close + 1 :]
    repeated = rest[:1] in ("?", "*", "+", "{")
    referred = BACKREFERENCE.search(rest) is not None
    if repeated or referred or not all(PLAIN_WORDS.fullmatch(word) for word in words):
        return None
    return [word + rest for word in words]


def _within_one_text(pattern: str) -> str:
    """The pattern with every negated class kept off the line break, as `.` already is: cues
    search a batch joined by line breaks (`models.joined_texts`), and `[^。！？]{0,30}` reached
    from one complaint's 一千多块钱 into the next one's 弄丢了."""
    return NEGATED_CLASS.sub(lambda _: "[^\\n", pattern)


def _compile(patterns: list[str]) -> tuple[re.Pattern[str], ...]:
    """One regex for all the alternatives that start with a character, one for each of the
    rest.

    The regex engine skips ahead to the positions where a match can begin only when it knows
    the set of first characters: it does for alternatives that each start with a character,
    and for one that starts with a group, but not for a mix (a mixed pattern scanned every
    position and cost cue matching twice its time). So a leading group of plain words is
    spelled out, `(手|脚)被夹` as `手被夹|脚被夹`, and the other group-led ones kept apart.
    Most regexes are now tried only where they may begin (`models.match_starts`), so this
    still counts for one whose beginnings cannot be read, and keeps the regexes few (the
    shipped cues' 110 patterns are 22), each one bit in the start tables, which have 64.
    """
    led_by_character: list[str] = []
    led_by_group: list[str] = []
    for pattern in patterns:
        for alternative in _split(_within_one_text(pattern))[0]:
            spelled = _led_by_characters(alternative)
            if spelled is None:
                led_by_group.append(alternative)
            else:
                led_by_character.extend(spelled)
    joined = ["|".join(led_by_character)] if led_by_character else []
    return tuple(re.compile(part) for part in joined + led_by_group)


class PriorityCues:
    """The cue list, matched against normalised text."""

    def __init__(self, cues: list[Cue]) -> None:
        self.cues = cues
        self.starts = MatchStarts([pattern for cue in cues for pattern in cue.patterns])

    def __getstate__(self) -> dict[str, object]:
        return {"cues": self.cues}  # the start tables are rebuilt, not stored in the bundle

    def __setstate__(self, state: dict[str, list[Cue]]) -> None:
        self.__init__(state["cues"])  # type: ignore[misc]

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
        return self.match_joined(JoinedTexts(normalised_texts))

    def match_joined(self, joined: JoinedTexts) -> list[list[CueMatch]]:
        """`match_batch` for texts already joined."""
        fired: list[list[CueMatch]] = [[] for _ in joined.texts]
        # each regex's matches, in the order of the cues and of their regexes
        matches = iter(self.starts.finditer(joined.text))
        for cue in self.cues:
            done: set[int] = set()
            for _ in cue.patterns:
                for found in next(matches):
                    document = joined.owner(found.start())
                    if document in done:
                        continue
                    if self._told(joined, document, found):
                        done.add(document)
                        fired[document].append(CueMatch(cue.id, cue.floor, found.group()))
        return fired

    @staticmethod
    def _told(joined: JoinedTexts, document: int, found: re.Match[str]) -> bool:
        """Whether the words found are told as having happened: not directly negated or
        feared (没有受伤, 怕起火), and not in a clause that asks whether (unless a form answers
        是) or denies it."""
        text_start, match_start = joined.starts[document], found.start()
        start = max(text_start, match_start - DENIAL_OR_FEAR_WINDOW)
        if DENIAL_OR_FEAR_BEFORE.search(joined.text[start:match_start]):
            return False
        start = max(text_start, match_start - CLAUSE_WINDOW)
        clause = ("\n" if start == text_start else "") + joined.text[start:match_start]
        if not ASKED_OR_DENIED_BEFORE.search(clause):
            return True
        return "是否" in clause and bool(ANSWERED_YES_AFTER.match(joined.text, found.end()))
