import pytest

from models.chasers import chases


@pytest.mark.parametrize(
    "text",
    [
        "我的投诉怎么还没处理？",
        "怎么还没人联系我？",
        "催一下我的工单进度",
        "工单TS-20261120-000123进度如何",
        "你好，请问我的投诉处理进度怎么样了？",
        "有结果了吗",
        "上次反映的事情怎么还没解决",
        "到底有没有人管？？？",
    ],
)
def test_a_message_that_only_chases_its_complaint(text: str) -> None:
    assert chases(text)


@pytest.mark.parametrize(
    "text",
    [
        "退款怎么还没到账",  # names what is wrong: the model reads it
        "快递怎么还没到",
        "客服怎么还没回复我，态度太差了",
        "怎么还没处理，我要去12315投诉",  # a threat is news
        "还没处理好，电视又坏了",
        "我要投诉",
        "谢谢",
    ],
)
def test_a_message_that_says_more_is_not_a_chaser(text: str) -> None:
    assert not chases(text)
