import pytest

from models.fillers import without_fillers
from models.normalise import normalise_text


def read(text: str) -> str:
    return without_fillers(normalise_text(text))


@pytest.mark.parametrize(
    ("text", "read_as"),
    [
        ("喂你好，就是那个，快递三天没到，嗯，就这样", "快递三天没到,"),
        ("呃，那个，退款还没到", "退款还没到"),
        ("额，网络又断了，然后呢，没人管", "网络又断了,没人管"),
    ],
)
def test_a_clause_that_is_only_a_filler_comes_off(text: str, read_as: str) -> None:
    assert read(text) == read_as


@pytest.mark.parametrize(
    "text",
    [
        "质量就这样，凑合用",  # the filler's words inside a clause of content
        "然后就没人管了",
        "就是少发了两个",
        "那个快递员态度很差",
        "订单金额不对，额度也没恢复",
        "嗯，就这样",  # nothing else to read: the text stays whole
    ],
)
def test_a_clause_with_content_stays(text: str) -> None:
    assert read(text) == normalise_text(text)
