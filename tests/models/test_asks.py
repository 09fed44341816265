"""A clause that only asks for a remedy comes off what the features read; the problem stays."""

import pytest

from models.asks import without_asks
from models.normalise import normalise_text


def read(text: str) -> str:
    return without_asks(normalise_text(text))


@pytest.mark.parametrize(
    ("text", "read_as"),
    [
        ("屏幕碎了，要求退款！", "屏幕碎了,"),
        ("屏幕碎了，我要退货", "屏幕碎了,"),
        ("态度太差了，要求道歉", "态度太差了,"),
        ("东西坏了，请给我换一个新的", "东西坏了,"),
        ("少发了一件，麻烦商家尽快补发", "少发了一件,"),
        # asked as a question (能不能, 可以…吗), or a size to swap
        ("衣服洗了一次就缩水了，能不能退货", "衣服洗了一次就缩水了,"),
        ("少发了一件，能不能补发", "少发了一件,"),
        ("衣服小了，能不能换大一号", "衣服小了,"),
        ("开不了机 可以换货吗", "开不了机 "),
    ],
)
def test_a_clause_that_only_asks_for_a_remedy_comes_off(text: str, read_as: str) -> None:
    assert read(text) == read_as


@pytest.mark.parametrize(
    "text",
    [
        "退款申请被驳回了",  # what went wrong with the refund is the problem
        "三天了还没退款",
        "申请退款，商家一直不处理",
        "快递丢了，要求赔偿",  # compensation: the cues read it, and it stays for the features
        "要求退款",  # nothing else to read: the text stays whole
        "退货运费谁出",
        "退款\n三天了还没到",  # a remedy alone on the first line is the topic of what follows
        "换货 商家签收四天了还不处理",
        "客户沟通，可以退款，申请价保后没通过",  # what was said, not asked: no 吗
    ],
)
def test_the_problem_and_other_demands_stay(text: str) -> None:
    assert read(text) == normalise_text(text)


def test_an_ask_before_its_reason_still_comes_off() -> None:
    assert read("退货！质量太差了") == "质量太差了"
