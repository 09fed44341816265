"""A form's field labels come off the features: 投诉内容：, 问题描述：, [投诉对象], 期望结果：.

Web forms, complaint platforms and ticket exports put the customer's words under labels that
say nothing about the problem, and the labelled data has them from a few sources only (telecom
work orders, the authored web-form rows), so as words they pulled a complaint toward those
sources' labels: 投诉内容： in front of a complaint moved three categories and two priorities
in a hundred. Only generic labels come off; the value after one stays (问题类型：退款 keeps
退款), and so does a label that says what kind of message it is (建议：, 咨询：, 表扬：). What
the customer asks for and the sum in dispute (投诉要求：退款, 涉诉金额：300元) come off with a
short value: with them a complaint platform's record moved a third of the labels. A
platform's status field (【投诉进度】处理中) comes off with its value: 处理中 is the platform's
word, and it moved one priority in twenty to P1. So does a type field that only says it is a
complaint (【诉求类型】投诉), and the label Weibo intake puts in front of the post a repost
repeats (原微博：, `pipeline.sources.weibo`).
Cues read the whole text.

Matched on normalised text, where a line break is a space and the colon half-width, and only
in a text with a colon or a bracket.
"""

import re

_FIELD = (
    r"(?:投诉|反馈|反映|客户|客户问题|问题|事情|事件|诉求|具体|详细|受理)?"
    r"(?:标题|主题|内容|描述|对象|问题|要求|诉求|进度|经过|详情|说明|事项|情况|类型|金额|编号)"
    r"|期望结果|期望|涉诉金额|订单号|订单编号|产品|商品|型号|车型|品牌|地址|联系人|联系方式"
    r"|联系电话|手机号码|手机号|账号|会员号|保单号|工单编号|工单来源|补充信息|发生时间|来电时间"
    r"|受理时间|来电号码|时间|备注"
    r"|原微博"
)
# a label opens the text or follows a space (a line break, normalised), then a colon; or it is
# bracketed, as complaint platforms print it
FIELD_LABEL = re.compile(rf"(?:^|(?<=\s))(?:{_FIELD})\s?:\s?|\[(?:{_FIELD})\]|【(?:{_FIELD})】")


# a text without one of these has no field label
FIELD_MARKS = re.compile(r"[:\[【]")


def _labelled(label: str) -> str:
    """A field's label as forms print it: opening the text or after a space, then a colon; or
    bracketed, as complaint platforms print it."""
    return rf"(?:(?:^|(?<=\s))(?:{label})\s?:|\[(?:{label})\]|【(?:{label})】)"


# a complaint platform's status field comes off with its value, which is the platform's word:
# 【投诉进度】处理中, 状态:已完成
_STATUS_LABEL = r"(?:投诉|处理|工单)?(?:进度|状态)"
STATUS_FIELD = re.compile(
    rf"{_labelled(_STATUS_LABEL)}\s?"
    r"(?:商家|平台|客服)?(?:已|待|未|正在)?(?:处理中?|受理|回复|完成|解决|结案|分配|审核中?|关闭)"
)


# what the customer asks for and the sum in dispute come off with a short value, to the end of
# its clause (投诉要求:退款, 期望结果:退款并赔偿, 涉诉金额:300元): the remedy is not the
# problem, a refund wanted for a broken item being `quality`, and these fields moved one
# category in six to after_sales and one priority in twelve to P1. The cues still read them
# (赔偿 demands compensation). A bare 要求: may head the complaint itself and keeps its value.
_ASK_LABEL = r"(?:投诉|处理|客户)要求|期望结果|期望|涉诉金额|投诉金额|金额"
ASK_FIELD = re.compile(
    rf"{_labelled(_ASK_LABEL)}"
    r"\s?[^\s,.!?;]{0,24}(?=[\s,.!?;]|$)"
)


# a type field that only says it is a complaint (【诉求类型】投诉, 工单类型:投诉) comes off with
# its value, as 我要投诉 does at the start; 咨询, 建议 or 表扬 say what the message is and stay
_TYPE_LABEL = r"(?:诉求|投诉|问题|工单|业务|来电)?类型"
COMPLAINT_TYPE_FIELD = re.compile(
    rf"{_labelled(_TYPE_LABEL)}\s?投诉"
    r"(?=[\s,.!?;【\[]|$)"
)


def without_field_labels(text: str) -> str:
    """The text without its forms' generic field labels, status fields and asks; the whole text
    if nothing else."""
    if not FIELD_MARKS.search(text):
        return text
    kept = text
    if "进度" in kept or "状态" in kept:
        kept = STATUS_FIELD.sub(" ", kept)
    if "要求" in kept or "期望" in kept or "金额" in kept:
        kept = ASK_FIELD.sub(" ", kept)
    if "类型" in kept:
        kept = COMPLAINT_TYPE_FIELD.sub(" ", kept)
    kept = FIELD_LABEL.sub(" ", kept).strip()
    return kept or text
