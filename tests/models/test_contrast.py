import pytest

from models.contrast import without_praise_if_turned
from models.normalise import normalise_text


def read(text: str) -> str:
    return without_praise_if_turned(normalise_text(text))


@pytest.mark.parametrize(
    ("text", "read_as"),
    [
        ("水果很新鲜很甜，就是少发了两个", "就是少发了两个"),
        ("房间干净，位置也好，但是前台态度冷冰冰的", "但是前台态度冷冰冰的"),
        ("味道很好， 不过送得太慢了", "不过送得太慢了"),
        ("很好用，就是有点小贵", "就是有点小贵"),
        # 虽然说 concedes: no claim
        ("虽然说外观很漂亮，但是用了两天就坏了", "但是用了两天就坏了"),
        # the praise after the turn comes off too, turn word and all
        ("送餐太慢了，等了一个半小时，不过味道还不错", "送餐太慢了,等了一个半小时,"),
        # a clause that is not plain praise stays
        (
            "买了一周，东西本身没什么问题，包装也完好，就是等得太久了",
            "买了一周,东西本身没什么问题,就是等得太久了",
        ),
    ],
)
def test_praise_in_a_text_that_turns_comes_off(text: str, read_as: str) -> None:
    assert read(text) == read_as


@pytest.mark.parametrize(
    "text",
    [
        "很满意，物流快，包装好，五星好评",  # praise without a turn is the message
        "不但便宜而且好用",  # 但 inside a clause is no turn
        "不太满意，但是也不想退了",  # negated praise is no praise
        "东西很好，但是物流也很快",  # only praise: read whole
        # a claim is not praise: it is what makes these complaints `misleading`
        "宣传说很耐用，但是用了两天就坏了",
        "商品页面写着新鲜直达，但是收到的水果都烂了",
        "图片上的蛋糕很精致，但是送来的完全是另一个样子",
    ],
)
def test_text_without_praise_to_take_off_is_read_whole(text: str) -> None:
    assert read(text) == normalise_text(text)
