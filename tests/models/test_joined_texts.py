import re

from models.joined_texts import JoinedTexts


def test_each_match_is_told_to_the_text_that_holds_it() -> None:
    joined = JoinedTexts(["退款没到", "", "快递\n没到", "没到"])
    found = [match.start() for match in re.finditer("没到", joined.text)]
    assert [joined.owner(position) for position in found] == [0, 2, 3]
    assert joined.owners(found) == [0, 2, 3]
    assert joined.owners([]) == []


def test_a_pattern_never_reaches_from_one_text_into_the_next() -> None:
    joined = JoinedTexts(["快递", "没到"])
    assert re.search("快递.没到", joined.text) is None
    assert re.search("快递.没到", JoinedTexts(["快递\n没到"]).text) is not None
