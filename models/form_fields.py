"""A form's field labels come off the features: 投诉内容：, 问题描述：, [投诉对象], 期望结果：.

Web forms, complaint platforms and ticket exports put the customer's words under labels that
say nothing about the problem, and the labelled data has them from a few sources only (telecom
work orders, the authored web-form rows), so as words they pulled a complaint toward those
sources' labels: 投诉内容： in front of a complaint moved three categories and two priorities
in a hundred. Only generic labels come off; the value after one stays (问题类型：退款 keeps
退款), and so does a label that says what kind of message it is (建议：, 咨询：, 表扬：).
Cues read the whole text.

Matched on normalised text, where a line break is a space and the colon half-width, and only
in a text with a colon or a bracket.
"""

import re

_FIELD = (
    r"(?:投诉|反馈|反映|客户|客户问题|问题|事情|事件|诉求|具体|详细)?"
    r"(?:标题|主题|内容|描述|对象|问题|要求|诉求|进度|经过|详情|说明|事项|情况|类型|金额)"
    r"|期望结果|期望|涉诉金额|订单号|订单编号|产品|商品|型号|车型|品牌|地址|联系人|联系方式"
    r"|联系电话|手机号码|手机号|账号|会员号|保单号|工单编号|工单来源|补充信息|发生时间|时间|备注"
)
# a label opens the text or follows a space (a line break, normalised), then a colon; or it is
# bracketed, as complaint platforms print it
FIELD_LABEL = re.compile(rf"(?:^|(?<=\s))(?:{_FIELD})\s?:\s?|\[(?:{_FIELD})\]|【(?:{_FIELD})】")


def without_field_labels(text: str) -> str:
    """The text without its forms' generic field labels; the whole text if nothing else."""
    if ":" not in text and "[" not in text and "【" not in text:  # faster than a regex
        return text
    kept = FIELD_LABEL.sub(" ", text).strip()
    return kept or text
