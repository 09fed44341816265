"""A plea for a quick answer comes off the features: 客户要求尽快回复, 请尽快处理, 麻烦给个答复,
麻烦联系我, 急急急！在线等; and so does the desk's note passing it on: 请相关部门核实处理,
以上是客户原话.

Such a clause says nothing about what went wrong, yet channels add it at their own rates:
an agent's phone summary ends in 客户要求尽快回复, a web form in 期望结果：尽快处理. In the
labelled data it sits in 42 texts, 27 of them telecom work orders, and after_sales has three
times its share of them; so a phone summary's closing moved one complaint in nine, most to
after_sales, 麻烦给个答复，在线等 one in five and 麻烦联系我 one in twenty. Only a clause
that is nothing but the plea comes off: 请尽快退款 and 尽快恢复网络 say what is wanted and
stay. The desk's note ends most telecom work orders (请相关部门核实处理，谢谢), so as words it
pulled a forwarded complaint to their labels: 以上是客户原话，请相关部门处理 under one moved one
priority in four. A plea typed onto the complaint's last words without a break, as chat is typed
(快递三天没到麻烦尽快处理一下, 快递三天没到急急急), comes off too when it begins with the
asking (麻烦, 请, 望) or is a shout of haste. Cues read the whole text.

Matched on normalised text, guarded by one search for the words a plea needs, which most
complaints lack.
"""

import re

from models.clauses import BREAKS, without_whole_clauses

# a clause without one of these is no plea: a cheap test before cutting the text into clauses
PLEA_WORDS = re.compile(
    "尽快|尽早|马上|立即|及时|赶紧|早日|急|在线等|坐等|回复|速回|答复|说法|解释|交代"
    "|联系我|我联系|回电|打我|给我打|回个电话|部门|核实|查证|原话"
)
_WHO = (
    r"(?:客户|用户|市民|顾客|本人|我)?现?(?:强烈|特别)?"
    r"(?:要求|希望|请求|恳请|烦请|请|麻烦|望|务必|必须)?"
)
_OF_WHOM = r"(?:你们|贵公司|贵司|贵方|相关部门|商家|客服)?(?:必须)?(?:能|能够|可以)?"
_ANSWER = r"(?:给予?|予以)(?:我们|我)?(?:一个|个)?(?:合理的)?(?:答复|回复|说法|解释|交代)"
_DEPARTMENT = r"(?:相关部门|有关部门|贵部门|你部门)"
_ENDING = r"(?:好吗|吗|吧|啊|呀|哦)?(?:谢谢)?"
_CALL_BACK = (
    r"(?:打我电话|打我手机|给我打电话|给我回个?电话|回个?电话|回电"
    r"|电话联系我|联系我|[和与跟]我联系)"
)
PLEA = re.compile(
    # who asks, of whom; the haste; then an answer or handling in general, never a remedy
    rf"{_WHO}{_OF_WHOM}(?:尽快|尽早|马上|立即|及时|赶紧|早日)(?:给予?|予以)?"
    r"(?:回复|处理|解决|答复|回电|联系|跟进|核实|查询|查|给个?(?:答复|回复|说法|解释))"
    rf"(?:(?:并|和|及)?(?:回复|处理|解决|答复|回电|反馈))?(?:我们|我|本人|一下|下)?{_ENDING}"
    # an answer asked for, without haste: 麻烦给个答复, 你们必须给我一个交代
    rf"|{_WHO}{_OF_WHOM}{_ANSWER}{_ENDING}"
    # an ask to be called back, without haste: 麻烦联系我, 有事打我电话, 方便时请回电
    rf"|(?:有事|方便的话|方便时|看到后?)?{_WHO}{_OF_WHOM}{_CALL_BACK}(?:一下|下)?{_ENDING}"
    # the desk passing it on: 请相关部门核实处理, 请协助查证处理回复本机, 以上是客户原话
    rf"|{_WHO}{_DEPARTMENT}?(?:帮忙|协助|协调)?(?:核实|查证|核查|查实)"
    rf"(?:并|后)?(?:处理|解决)?(?:并?回复(?:本机|客户|用户)?)?{_ENDING}"
    rf"|{_WHO}{_DEPARTMENT}(?:帮忙|协助|协调)?(?:处理|跟进|解决){_ENDING}"
    r"|[-—]*以上(?:是|为|均为|即为)?(?:客户|用户|顾客|来电人)的?(?:原话|原文|反映|来信|留言)"
    # a shout of haste: 急急急, 在线等, 坐等回复
    r"|(?:很|挺|非常|特别)?急+的?|十万火急|(?:在线|坐)等(?:回复)?|等回复|求回复|速回"
)


# the same plea run onto the last clause: it must begin with the asking, or be a shout
TRAILING_PLEA = re.compile(
    rf"(?<!{BREAKS})(?:(?:麻烦|请|希望|(?<!希)望|恳请|务必)(?:{PLEA.pattern})|急急+|在线等)"
    rf"{BREAKS}*$"
)


def without_generic_requests(text: str) -> str:
    """The text without the clauses that only plead for a quick answer or handling, and
    without such a plea typed onto its last clause."""
    kept = without_whole_clauses(text, PLEA_WORDS, PLEA, clause_guard=True)
    trailing = TRAILING_PLEA.search(kept)
    return kept[: trailing.start()] if trailing and trailing.start() > 0 else kept
