import pytest

from models.generic_requests import without_generic_requests
from models.normalise import normalise_text


def read(text: str) -> str:
    return without_generic_requests(normalise_text(text))


@pytest.mark.parametrize(
    ("text", "read_as"),
    [
        ("快递三天没到。客户要求尽快回复。", "快递三天没到。"),
        ("宽带断网了，请尽快处理，谢谢", "宽带断网了,谢谢"),
        ("路灯坏了，市民要求相关部门尽快处理并回复", "路灯坏了,"),
        ("押金还没退，望贵司尽快给予答复！", "押金还没退,"),
        # normalised: the line break is a space
        ("电梯又停了\n请相关部门尽快核实处理", "电梯又停了 "),
        ("请尽快联系我，快递显示签收但我没收到", "快递显示签收但我没收到"),
        # an answer asked for, without haste
        ("快递没到，麻烦给个答复", "快递没到,"),
        ("快递没到，你们必须给我一个交代！", "快递没到,"),
        # an ask to be called back
        ("快递没到\n麻烦联系我", "快递没到 "),
        ("快递没到，有事打我电话", "快递没到,"),
        ("快递没到。方便时请回电", "快递没到。"),
        # a shout of haste
        ("快递没到，急急急！！！在线等", "快递没到,"),
        ("急！快递没到", "快递没到"),
        # typed onto the last words without a break, as in a chat
        ("快递三天没到麻烦尽快处理一下", "快递三天没到"),
        ("快递三天没到请尽快回复!", "快递三天没到"),
        ("快递三天没到急急急", "快递三天没到"),
        ("减震器漏油希望尽快解决", "减震器漏油"),
        # the desk passing it on, as telecom work orders and forwarded mails end
        ("本月被扣了彩铃费，请相关部门核实处理，谢谢。", "本月被扣了彩铃费,谢谢。"),
        ("客户不认可，烦请核实处理并回复本机", "客户不认可,"),
        ("转发：\n快递三天没到\n——以上是客户原话，请相关部门处理。", "转发: 快递三天没到 "),
    ],
)
def test_a_plea_for_a_quick_answer_comes_off(text: str, read_as: str) -> None:
    assert read(text) == read_as


@pytest.mark.parametrize(
    "text",
    [
        "要求尽快退款",  # the remedy asked for says what is wrong
        "客户要求尽快恢复网络",
        "希望尽快发货",
        "送货很及时，师傅处理得也快",  # haste that is no plea
        "一直没人回复",
        "一直没人联系我",
        "快递员没打电话就走了",
        "我很着急，孩子等着用",
        "已向客户解释，客户不认可",
        "麻烦尽快处理一下",  # nothing else to read: the text stays whole
        "快递没到请尽快退款",  # a remedy, run on
        "这事很急",  # no asking and no shout
        "我急急忙忙赶回家，快递员早走了",
        "话费未返还，客户要求回复",
        "请核实我的账单为什么多了50元",  # what is to be checked is content
        "我已经核实过了，是你们多扣了",
        "以上问题一直没有解决",
    ],
)
def test_a_clause_that_says_more_than_the_plea_stays(text: str) -> None:
    assert read(text) == normalise_text(text)
