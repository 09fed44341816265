import pytest

from models.contact_details import without_contact_details
from models.normalise import normalise_text


def read(text: str) -> str:
    return " ".join(without_contact_details(normalise_text(text)).split())


@pytest.mark.parametrize(
    ("text", "read_as"),
    [
        ("快递没到\n我的手机号是13812345678", "快递没到"),
        ("快递没到，电话138****5678", "快递没到,"),
        ("快递没到\n联系方式：微信 zhang_1988", "快递没到 联系方式:"),  # the label is a form's
        ("快递没到，微信号：zhang_1988", "快递没到,"),
        ("快递没到。邮箱：wang.li@163.com", "快递没到。"),
        ("客户姓名：张三 身份证号：110101199003071234\n快递没到", "快递没到"),
        ("订单号是2024050977123，快递没到", ",快递没到"),
        ("我的订单编号为8820240611093，快递没到", ",快递没到"),
        ("本人QQ 123456789，快递没到", ",快递没到"),
        ("订单2024112200123，快递没到", ",快递没到"),  # 订单 without 号
        ("【订单号：77889900】快递没到", "快递没到"),  # in brackets, wherever it stands
        ("快递没到（订单号：77889900）", "快递没到"),
        # with a courier's or a system's letters in front of the number
        ("【运单号：SF1234567890123】快递没到", "快递没到"),
        ("快递没到（工单号：GD20261120001）", "快递没到"),
        # a hotline's record: the caller's name and number under bracketed labels
        ("【来电人】张先生【联系电话】13812345678【诉求内容】快递没到", "【诉求内容】快递没到"),
    ],
)
def test_a_detail_that_only_identifies_the_sender_comes_off(text: str, read_as: str) -> None:
    assert read(text) == read_as


@pytest.mark.parametrize(
    "text",
    [
        "有人用我的手机号13812345678注册了账号",  # the number is part of what happened
        "我的手机号被泄露了",  # no value: the words are the complaint
        "身份证被冒用办了贷款",
        "客服电话一直打不通",
        "我的订单号查不到了",
        "订单2024112200123的快递没到",  # not a clause of its own
        "【订单已取消】可是我没有取消",
        "【投诉人】张三快递没到",  # a name run into the complaint cannot be told from it
        "手机号：13812345678",  # nothing else to read: the text stays whole
    ],
)
def test_a_detail_that_is_part_of_the_complaint_stays(text: str) -> None:
    assert without_contact_details(normalise_text(text)) == normalise_text(text)
