import pytest

from models.normalise import normalise_batch, normalise_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ＡＢＣ１２３，质量差！", "abc123,质量差!"),  # full-width to half-width, lower case
        ("這個產品質量太差", "这个产品质量太差"),  # traditional to simplified
        ("退款\u3000\t\n 没到账", "退款 没到账"),  # every kind of space folds to one
        ("电话13800138000订单202405201187", "电话#订单#"),  # long numbers collapse
        ("电话138****5678，卡号6228XXXX2042", "电话#,卡号#"),  # so do masked ones
        ("值**很失望，******客户投诉", "值**很失望,******客户投诉"),  # not bare asterisks
        ("2024-05-01 10:23\n快递没到", "快递没到"),  # dates and times are dropped
        ("某某公司的快递没到", "公司的快递没到"),  # so is an anonymised name
        ("客户于11月10日14:00反映，2024年5月1日买的", "客户于 反映, 买的"),
        ("打12315投诉，赔了500元", "打12315投诉,赔了500元"),  # short numbers stay
        ("😭😭快递没到😡👍🏻❤️", "快递没到"),  # emoji are dropped
        ("快递没到！！！！！？？？", "快递没到!?"),  # a run of marks reads as one
        ("真的吗?!......", "真的吗?!......"),
        ("  ", ""),
        ("", ""),
    ],
)
def test_normalise_text_folds_to_canonical_form(raw: str, expected: str) -> None:
    assert normalise_text(raw) == expected


def test_normalise_batch_keeps_texts_apart_even_with_separator_inside() -> None:
    texts = ["第一条\x00还是第一条", "", "第三條"]
    assert normalise_batch(texts) == ["第一条 还是第一条", "", "第三条"]


def test_normalise_survives_lone_surrogates() -> None:
    assert normalise_text("坏\ud800了") == "坏 了"
