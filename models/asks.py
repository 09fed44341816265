"""A clause that only says what the customer asks for comes off the features: 要求退款, 我要退货,
请给我换一个, 要求道歉, and the same asked as a question: 能不能退货, 可以换货吗. 能不能 is a
suggestion's word (能不能增加夜间模式), so 水壶用了一周就漏水，你们能不能换货 was a `suggestion`.

The labelling guide files a complaint under its problem, and keeps what the customer asks for
(refund, exchange, apology) as a field of the record: a refund wanted for a broken item is
`quality`, a refund refused or slow is `after_sales`. As words, 要求退款 at the end of a labelled
text moved one category in seven to after_sales and one priority in six to P1, which the guide
gives for a demand for compensation (赔偿), not for a refund. Only a clause that is nothing but
the ask comes off: 退款申请被驳回 and 三天了还没退款 say what went wrong and stay, and so does a
text that is nothing but its ask, or a remedy alone on its first line (the topic of what
follows). Cues read the whole text, so 要求赔偿 still demands compensation.

Matched on normalised text, guarded by one search for the words an ask needs.
"""

import re

from models.clauses import without_whole_clauses

# a clause without one of these asks for no remedy: a cheap test before cutting into clauses
ASK_WORDS = re.compile("退款|退货|退钱|换货|退换|换新|换一个|换个|换大|换小|补发|重发|道歉")
_WHO = r"(?:客户|用户|顾客|本人|我们|我|你们)?(?:强烈|坚决)?"
# asked outright or as a question (能不能退款, 可以换个大的吗)
_HOW = r"(?:要求|希望|请求|恳请|请|麻烦|想要?|要|需要|能不能|可不可以|能否|可否|可以(?=.*吗))?"
_OF_WHOM = r"(?:你们|贵公司|贵司|商家|店家|卖家|平台)?(?:给我|为我|帮我|给予|予以)?"
_REMEDY = (
    r"(?:全额|立即|马上|尽快)?(?:退款|退货退款|退货|退钱|换货|退换货?|换新|换一个新的|换一个|换个新的"
    r"|换个|换个?[大小]一?(?:号|码|点的|点|的)|补发|重新发货|重发|赔礼道歉|书面道歉|公开道歉|道歉)"
)
ASK = re.compile(
    rf"{_WHO}{_HOW}{_OF_WHOM}{_REMEDY}(?:(?:并|和|或|或者)?{_REMEDY})?"
    r"(?:一个|一份|一下)?(?:处理)?(?:吧|啊|呀|吗|呢|嘛|好吗|谢谢)?"
)


# a remedy alone on the first line is the topic of what follows, not an ask: 退款 (line break)
# 三天了还没到 was read as 三天了还没到, a late delivery
LEADING_TOPIC = re.compile(rf"{_REMEDY}\s+(?=\S)")


def without_asks(text: str) -> str:
    """The text without the clauses that only ask for a refund, an exchange or an apology."""
    topic = LEADING_TOPIC.match(text)
    start = topic.end() if topic else 0
    return text[:start] + without_whole_clauses(text[start:], ASK_WORDS, ASK, clause_guard=True)
