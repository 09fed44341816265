import subprocess
import sys
from pathlib import Path

import pytest

from models.boilerplate import complaint_body
from models.sender_lines import without_sender_lines

REPOSITORY = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("text", "body"),
    [
        # a mail's signature block with no closing word above it
        (
            "专线断了两天，报修没人来。\n\n张伟\n运营总监\n华信贸易有限公司\n电话：010-88886666",
            "专线断了两天，报修没人来。",
        ),
        (
            "纯棉写成了涤纶。\n王小明\n某某科技有限公司 市场部\n邮箱：wang@example.com",
            "纯棉写成了涤纶。",
        ),
        # a block of the customer's details under the complaint
        (
            "快递三天没到\n姓名：张三\n电话：13812345678\n地址：杭州市西湖区文三路100号",
            "快递三天没到",
        ),
        ("快递三天没到\n客户：钱先生", "快递三天没到"),
        ("快递三天没到\n王某某 13800138000", "快递三天没到"),
        # as stored: the personal numbers masked
        ("医疗费用由贵司承担。\n徐文涛 [手机号]\n邮箱：[邮箱]", "医疗费用由贵司承担。"),
        ("快递三天没到\n张伟", "快递三天没到"),
        # a rule above the signature, a surname with a title, a phone in brackets
        ("退款没到账\n\n----------\n刘洋\n产品部\n手机：139 1234 5678", "退款没到账"),
        ("发票开错了\n\n陈 经理\n财务部\n(021) 6123 4567", "发票开错了"),
        # an address without its label, beside a name and a number
        ("换货三次都没换成。\n张女士 / 15012345678 / 广州市天河区", "换货三次都没换成。"),
        # a block opening the text, with a field in it
        ("张三丰\n手机号：13512345678\n冰箱不制冷了", "冰箱不制冷了"),
        ("【订单号：TB556677889】\n电热毯冒烟了", "电热毯冒烟了"),
        # a self-introduction
        ("我是李秀英，吸尘器保修要我付运费", "吸尘器保修要我付运费"),
        ("本人王先生。快递三天没到", "快递三天没到"),
    ],
)
def test_the_senders_own_lines_come_off(text: str, body: str) -> None:
    assert without_sender_lines(text) == body


@pytest.mark.parametrize(
    "text",
    [
        "快递太慢了\n垃圾公司",  # a company alone names no sender
        "快递太慢了\n请转给你们售后部",
        "高压锅\n用了两天就漏气",  # a name alone on the first line may be a title
        "客户：快递没到\n问题：三天了",  # a speaker's turn, not a name
        "快递没到\n地址：写错了",  # not an address
        "快递没到\n上海市真是服务最差的",  # a city is no address without a district or street
        "我是老用户，快递没到",  # not a name
        "我是张家港的，快递没到",
        "张伟\n13800138000",  # nothing else would remain
    ],
)
def test_what_is_not_the_senders_own_stays(text: str) -> None:
    assert without_sender_lines(text) == text


def test_a_letter_reads_without_greeting_introduction_closing_and_signature() -> None:
    letter = (
        "您好，我是李秀英，\n退货寄回十五天了，钱还没退。\n\n盼复，谢谢！\n李秀英\n电话：[手机号]"
    )
    assert complaint_body(letter) == "退货寄回十五天了，钱还没退。"


def test_a_long_line_of_numbers_is_read_once_not_split_every_way() -> None:
    """A line of many spaced numbers that is not a sender's line (a table pasted in) made the
    line pattern try every way of grouping the numbers: 80 numbers took minutes. With atomic
    items it is one pass; a child process with a generous time limit tells the two apart."""
    numbers = " ".join(["1"] * 200) + " 啊"
    table = " ".join(["13812345678"] * 7)
    script = (
        "from models.sender_lines import DETAILS_LINE, without_sender_lines; "
        f"assert DETAILS_LINE.fullmatch({numbers!r}) is None; "
        f"assert DETAILS_LINE.fullmatch({table!r}) is not None; "
        f"without_sender_lines('快递没到\\n' + {numbers!r})"
    )
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60, cwd=REPOSITORY)
