import pytest

from models.follow_ups import is_resolved_report
from models.normalise import normalise_text


@pytest.mark.parametrize(
    "text",
    [
        "上次反映的噪音问题物业已经处理好了，特地来说声谢谢。",
        "之前投诉的退款已经到账了，谢谢你们的帮助。",
        "我上周说的宽带断网问题，师傅今天来修好了，谢谢。",
        "快递已经收到了，之前的投诉可以撤销了，麻烦了。",
        "您好，我之前反映的账号异常问题已经恢复正常了，谢谢！",
        "撤回投诉，已经和店家私下沟通好了。",
        "问题已经解决，不用再处理了",
        "客户来电称前日更换的表带已调整合适，对处理结果表示满意，无其他要求。",
        "上次反映的路灯问题已经修好了，特别感谢你们的工作人员，效率很高。",
        "上次反映的空调问题已经修好了，师傅很专业，谢谢。",  # praise after the report
    ],
)
def test_a_follow_up_that_reports_its_problem_solved(text: str) -> None:
    assert is_resolved_report(normalise_text(text))


@pytest.mark.parametrize(
    "text",
    [
        "快递已经收到了，外包装破损严重",  # a new problem
        "空调已经修好了，师傅很专业，就是收费太贵",  # praise, then a complaint
        "客服说已经处理好了",  # a claim, not the customer's report
        "退款还没到账",
        "问题一直没解决",
        "师傅说修好了，结果第二天又坏了",
        "退款已经到账了，可是少了五十块",
        "已经收到了吗？",
        "退款已经到账了，但对处理结果很不满意",
        # a solution, then something new without a turn word
        "快递已经送到了，箱子湿透了",
        "已经收到了，商品和图片完全两样",
        "已经处理好了，谢谢，另外我还想投诉一下客服的态度",
        "退款已经到账了，非常感谢，但是运费还没退",
        "已经收到退货，请尽快退款",
        "说是已经补发了，物流三天没更新",
        "客户来电反映燃气过户手续一直在审核，已提交一周无进展，希望尽快办结。",
        "上次反映的问题已经处理好了" + "，辛苦了" * 12,  # too long to be only a follow-up
    ],
)
def test_a_text_that_still_complains_is_no_report(text: str) -> None:
    assert not is_resolved_report(normalise_text(text))
