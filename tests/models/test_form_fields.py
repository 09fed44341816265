import pytest

from models.form_fields import without_field_labels
from models.normalise import normalise_text


def read(text: str) -> str:
    return without_field_labels(normalise_text(text))


@pytest.mark.parametrize(
    ("text", "read_as"),
    [
        ("投诉内容：快递三天没到", "快递三天没到"),
        ("订单号：12345\n问题：少发了一件", "12345  少发了一件"),
        ("来电时间：11月20日\n诉求内容：小区停水", "小区停水"),  # a hotline's record
        # what the customer asks for and the sum in dispute come off with their values: a
        # refund wanted for a broken item is no after-sales problem (the cues still read them)
        ("问题描述：宽带断网\n期望结果：尽快修好", "宽带断网"),
        ("[投诉对象]优品商城 [投诉问题]拒不退款 [涉诉金额]1299元", "优品商城  拒不退款"),
        ("投诉问题：屏幕碎了\n投诉要求：退款\n投诉编号：12345", "屏幕碎了    12345"),
        # an ask told at length is the complaint itself: only its label comes off
        (
            "要求：快递三天没到,我已经等了很久了,你们到底什么时候能送到",
            "快递三天没到,我已经等了很久了,你们到底什么时候能送到",
        ),
        # a platform's status field comes off with its value
        ("【投诉进度】处理中\n快递三天没到", "快递三天没到"),
        ("快递三天没到 [投诉要求]退款 [投诉状态]商家已回复", "快递三天没到"),
        # the value ends with its clause: what follows is the customer's own words
        ("【投诉问题】已解决【投诉要求】无，感谢处理，撤销投诉", "已解决 ,感谢处理,撤销投诉"),
        # a type field that only says it is a complaint comes off with its value
        ("【诉求类型】投诉【诉求内容】小区停水", "小区停水"),
        ("工单类型:投诉\n宽带断网三天", "宽带断网三天"),
        ("问题类型：咨询 营业厅几点开门", "咨询 营业厅几点开门"),  # a kind that says more stays
        # the label Weibo intake puts in front of a reposted post
        ("同款,求处理\n原微博：破壁机电机烧了", "同款,求处理  破壁机电机烧了"),
    ],
)
def test_generic_field_labels_come_off(text: str, read_as: str) -> None:
    assert read(text) == read_as


@pytest.mark.parametrize(
    "text",
    [
        "建议：增加夜间模式",  # a label that says what kind of message it is stays
        "咨询：营业厅几点开门",
        "已向客户解释:客户不认可",  # a colon inside the text is no field
        "退款进度：一直没人处理",  # a status the customer writes is content
        "问题描述：",  # nothing else to read: the text stays whole
        "【投诉要求】退款",
        "[投诉状态]商家已回复",
    ],
)
def test_other_colons_and_labels_stay(text: str) -> None:
    assert read(text) == normalise_text(text)
