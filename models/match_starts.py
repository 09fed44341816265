"""Where in a long text each of many patterns can begin a match, found in one pass.

Scanning a batch of 20,000 reviews (1.3 million characters) costs the regex engine 3 to 12 ms
per pattern even where nothing matches: it tests every character against the set a match can
begin with. The priority cues were 20 such scans, a tenth of the time it took to classify the
batch. Reading each pattern once, for the two characters its matches can begin with, one numpy
pass over the text finds the few positions where each pattern may begin, and the pattern is
tried there only. The matches are the same as `finditer`'s; a pattern whose beginnings cannot be
read is scanned whole.
"""

import importlib
import re
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

# the parser `re` compiles with (private, and without type stubs, hence imported by name)
sre_parser = importlib.import_module("re._parser")
sre = importlib.import_module("re._constants")

PREFIX_LENGTH = 2
MOST_STRINGS = 64  # a finite set of strings larger than this is treated as unknown
MOST_PATTERNS = 64  # one bit per pattern in a uint64; any beyond are scanned whole
SECOND_CHAR_BUCKETS = 1024  # second characters share a bucket: more tries, never fewer

ZERO_WIDTH = (sre.ASSERT, sre.ASSERT_NOT, sre.AT)
REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)

Item = tuple[Any, Any]  # a parsed item: the operation and its argument


def _every_match(op: Any, argument: Any) -> set[str] | None:
    """Every string the parsed item can match, when that is a small finite set (`(已|已被)`,
    `了?`), else None."""
    if op is sre.LITERAL:
        return {chr(argument)}
    if op is sre.IN:
        if all(kind is sre.LITERAL for kind, _ in argument):
            return {chr(code) for _, code in argument}
        return None
    if op is sre.SUBPATTERN:
        _, add_flags, _, body = argument
        return None if add_flags & re.IGNORECASE else _every_sequence_match(body.data)
    if op is sre.BRANCH:
        union = _union([_every_sequence_match(a.data) for a in argument[1]])
        return union if union is not None and len(union) <= MOST_STRINGS else None
    if op in REPEATS:
        least, most, body = argument
        once = _every_sequence_match(body.data)
        if once is None or most > 3:
            return None
        strings, repeated = set(), {""}
        for times in range(most + 1):
            if times >= least:
                strings |= repeated
            repeated = {before + after for before in repeated for after in once}
            if len(strings) > MOST_STRINGS:
                return None
        return strings
    return None


def _every_sequence_match(items: Sequence[Item]) -> set[str] | None:
    strings = {""}
    for op, argument in items:
        if op in ZERO_WIDTH:
            continue
        matched = _every_match(op, argument)
        if matched is None:
            return None
        strings = {before + after for before in strings for after in matched}
        if len(strings) > MOST_STRINGS:
            return None
    return strings


def _beginnings(items: Sequence[Item]) -> set[str] | None:
    """Strings of at most PREFIX_LENGTH characters, one of which begins every match of the
    parsed sequence; a shorter one where what follows it is unknown. None when a match may
    begin with any character."""
    growing, done = {""}, set()
    for op, argument in items:
        if op in ZERO_WIDTH:
            continue
        matched = _every_match(op, argument)
        if matched is not None:
            grown = {(before + after)[:PREFIX_LENGTH] for before in growing for after in matched}
            growing = {string for string in grown if len(string) < PREFIX_LENGTH}
        else:
            heads = _item_beginnings(op, argument)
            if heads is None:
                done |= growing
                break
            grown = {(before + head)[:PREFIX_LENGTH] for before in growing for head in heads}
            growing = growing if "" in heads else set()  # an item that may match nothing
        done |= grown - growing
        if not growing:
            break
    else:
        done |= growing
    return None if "" in done else done


def _item_beginnings(op: Any, argument: Any) -> set[str] | None:
    """`_beginnings` of one item that can match too many strings to list; "" among them when
    the item may match nothing."""
    if op is sre.SUBPATTERN:
        _, add_flags, _, body = argument
        return None if add_flags & re.IGNORECASE else _beginnings(body.data)
    if op is sre.BRANCH:
        return _union([_beginnings(a.data) for a in argument[1]])
    if op in REPEATS:
        least, _, body = argument
        heads = _beginnings(body.data)
        return heads if heads is None or least > 0 else heads | {""}
    return None


def _union(alternatives: list[set[str] | None]) -> set[str] | None:
    """The strings of all the alternatives; None when one of them is unknown."""
    known = [strings for strings in alternatives if strings is not None]
    return set[str]().union(*known) if len(known) == len(alternatives) else None


def match_beginnings(pattern: re.Pattern[str]) -> set[str] | None:
    """One or two characters, one string of which begins every match of the pattern (`退款`,
    `手` for `手.{0,4}夹`); None when a match may begin anywhere (`.{0,3}烫伤`)."""
    if pattern.flags & re.IGNORECASE:
        return None
    return _beginnings(sre_parser.parse(pattern.pattern, pattern.flags).data)


class MatchStarts:
    """Many patterns, searched in one text by trying each only where it may begin."""

    def __init__(self, patterns: Sequence[re.Pattern[str]]) -> None:
        self.patterns = list(patterns)
        beginnings = [match_beginnings(pattern) for pattern in self.patterns]
        beginnings[MOST_PATTERNS:] = [None] * len(beginnings[MOST_PATTERNS:])
        first_chars = sorted({ord(string[0]) for strings in beginnings for string in strings or ()})
        # a character's row in the tables below, 0 for one that begins nothing
        self.first_char_row = np.zeros(0x110000, dtype=np.uint16)
        self.first_char_row[first_chars] = np.arange(1, len(first_chars) + 1)
        # which patterns may begin with the character alone, and with it and a second one
        self.alone = np.zeros(len(first_chars) + 1, dtype=np.uint64)
        self.paired = np.zeros((len(first_chars) + 1, SECOND_CHAR_BUCKETS), dtype=np.uint64)
        for index, strings in enumerate(beginnings):
            bit = np.uint64(1 << index)
            for string in strings or ():
                row = self.first_char_row[ord(string[0])]
                if len(string) == 1:
                    self.alone[row] |= bit
                else:
                    self.paired[row, ord(string[1]) % SECOND_CHAR_BUCKETS] |= bit
        self.scanned_whole = [strings is None for strings in beginnings]

    def finditer(self, text: str) -> list[Iterator[re.Match[str]]]:
        """For each pattern, what `pattern.finditer(text)` yields."""
        chars = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        rows = self.first_char_row[chars]
        positions = np.flatnonzero(rows != 0)
        rows = rows[positions]
        second = chars[np.minimum(positions + 1, len(chars) - 1)] % SECOND_CHAR_BUCKETS
        may_begin = self.alone[rows] | self.paired[rows, second]
        found = may_begin != 0
        positions, may_begin = positions[found], may_begin[found]
        return [
            pattern.finditer(text)
            if whole
            else _matches_at(pattern, text, positions[(may_begin & np.uint64(1 << index)) != 0])
            for index, (pattern, whole) in enumerate(
                zip(self.patterns, self.scanned_whole, strict=True)
            )
        ]


def _matches_at(pattern: re.Pattern[str], text: str, starts: np.ndarray) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, when no match can begin outside `starts`: the leftmost match,
    then the leftmost that begins at or after its end, and so on."""
    end = 0
    for start in starts.tolist():
        if start < end:
            continue
        found = pattern.match(text, start)
        if found:
            end = found.end()  # never empty: a pattern that can match "" is scanned whole
            yield found
