"""Trying patterns only where they may begin finds exactly what `finditer` finds."""

import pickle
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.cues import PriorityCues
from models.match_starts import MatchStarts, match_beginnings
from tickets.paths import PathSettings


@pytest.mark.parametrize(
    ("pattern", "beginnings"),
    [
        ("退款", {"退款"}),
        ("赔偿|索赔", {"赔偿", "索赔"}),
        ("受了?伤", {"受了", "受伤"}),
        ("(已经?|已被)(媒体|记者)", {"已经", "已媒", "已记", "已被"}),
        ("手.{0,4}夹", {"手"}),  # the second character is any
        ("(?<!防)漏气", {"漏气"}),  # a look-behind reads no character of the match
        ("a*b", {"a", "b"}),
        ("(正在|还在)(被)?.{0,8}骗", {"正在", "还在"}),
        ("[0-9]{3}投诉", None),  # a range is not listed
        (".{0,3}烫伤", None),
        ("x?", None),  # may match nothing, so anywhere
        ("(?i)abc", None),  # case folded: `ABC` matches too
    ],
)
def test_beginnings_of_a_pattern(pattern: str, beginnings: set[str] | None) -> None:
    assert match_beginnings(re.compile(pattern)) == beginnings


TRICKY = [
    "受了?伤",
    "a*b",
    "(ab|a)c",
    "aa|ab",
    "(?<!防)漏气",
    "手.{0,4}夹",
    "(已经?|已被)(媒体|记者)",
    "x?y?z",
    "(a|b){2}c",
    "b(?=a)",
    r"\d+元",
]
ALPHABET = "abcxyz防漏气受了伤手被夹已经媒体记者元12 \n"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=60))
def test_same_matches_as_finditer_on_any_text(text: str) -> None:
    patterns = [re.compile(pattern) for pattern in TRICKY]
    found = MatchStarts(patterns).finditer(text)
    for pattern, matches in zip(patterns, found, strict=True):
        assert [m.span() for m in matches] == [m.span() for m in pattern.finditer(text)], pattern


@pytest.fixture(scope="module")
def shipped_cues(paths: PathSettings) -> PriorityCues:
    return PriorityCues.from_file(paths.priority_cues)


def test_every_shipped_cue_is_tried_only_where_it_may_begin(shipped_cues: PriorityCues) -> None:
    assert not any(shipped_cues.starts.scanned_whole)


CUE_FILE = Path(__file__).resolve().parents[2] / "data/lexicon/priority_cues.yaml"
# the words the cues are written with, so that random texts fire them often
CUE_WORDS = sorted(set(re.findall(r"[\u4e00-\u9fff]+", CUE_FILE.read_text("utf-8"))))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(CUE_WORDS) | st.text(alphabet="没不已被了的 0123456789", max_size=3),
        max_size=20,
    ).map("".join)
)
def test_shipped_cues_match_as_finditer_does(shipped_cues: PriorityCues, text: str) -> None:
    starts = shipped_cues.starts
    for pattern, matches in zip(starts.patterns, starts.finditer(text), strict=True):
        assert [m.span() for m in matches] == [m.span() for m in pattern.finditer(text)], pattern


def test_bundle_keeps_the_cues_not_the_start_tables(shipped_cues: PriorityCues) -> None:
    state = shipped_cues.__getstate__()
    assert set(state) == {"cues"}
    copy = pickle.loads(pickle.dumps(shipped_cues))
    text = "孩子被门夹了手，已经报警"
    assert copy.match(text) == shipped_cues.match(text) != []
