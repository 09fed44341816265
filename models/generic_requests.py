"""A plea for a quick answer comes off the features: 客户要求尽快回复, 请尽快处理.

Such a clause says nothing about what went wrong, yet channels add it at their own rates:
an agent's phone summary ends in 客户要求尽快回复, a web form in 期望结果：尽快处理. In the
labelled data it sits in 36 texts, 23 of them telecom work orders, and after_sales has three
times its share of them; so a phone summary's closing moved one complaint in nine, most to
after_sales. Only a clause that is nothing but the plea comes off: 请尽快退款 and 尽快恢复网络
say what is wanted and stay. Cues read the whole text.

Matched on normalised text, guarded by one search for a word of haste, which most complaints
lack.
"""

import re

from models.clauses import without_clauses

HASTE = re.compile("尽快|尽早|马上|立即|及时|赶紧|早日")
# who asks, how, of whom; the haste; then an answer or handling in general, never a remedy
PLEA = re.compile(
    r"(?:客户|用户|市民|顾客|本人|我)?现?(?:强烈|特别)?(?:要求|希望|请求|恳请|请|麻烦|望|务必)?"
    r"(?:你们|贵公司|贵司|贵方|相关部门|商家|客服)?(?:能|能够|可以)?"
    r"(?:尽快|尽早|马上|立即|及时|赶紧|早日)(?:给予?|予以)?"
    r"(?:回复|处理|解决|答复|回电|联系|跟进|核实|查询|查|给个?(?:答复|回复|说法|解释))"
    r"(?:(?:并|和|及)?(?:回复|处理|解决|答复|回电|反馈))?(?:我们|我|本人|一下|下)?"
    r"(?:好吗|吧|啊|呀|哦)?(?:谢谢)?"
)


def without_generic_requests(text: str) -> str:
    """The text without the clauses that only plead for a quick answer or handling."""
    if not HASTE.search(text):
        return text
    return without_clauses(text, _pleads)


def _pleads(clause: str) -> bool:
    return PLEA.fullmatch(clause) is not None
