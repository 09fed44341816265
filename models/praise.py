"""A message that only praises: 安装师傅很专业，装完还把地面打扫干净了，给个好评.

Praise names the job that was done well (安装, 送到, 电池, 网速), and the model filed such a
message under that job's category: of 24 praise messages written for this, it filed 14 as a
complaint, most as `quality`. Praise rows in training corrected 4 of them and cost
online_shopping, left out, 1.6 points. So when a short message praises or thanks and says
nothing negative, and the model itself gives the non-complaint category a fair chance (among its
top three at `PLAUSIBLE` or more), that category comes first, with the model's own confidence:
6 of the 14 are corrected. On the labelled data (5-fold and leave one source out) this
corrected 3 and 4 labels and changed no other.
"""

import re

from models.contrast import PRAISE

MAX_LENGTH = 80
PLAUSIBLE = 0.1
PRAISING = re.compile(PRAISE.pattern + r"|谢谢|感谢|点赞|辛苦(了|啦)|表扬|好样的|负责|认真|尽职")
# anything that complains, asks, turns or doubts; 不错 and 完好无损 are praise
NOT_ONLY_PRAISE = re.compile(
    r"不(?!错)|没|无(?!损)|未|差|慢|贵|坏|烂|难|垃圾|失望|太|问题|但|可惜|只是|就是|结果|却|然而"
    r"|\?|吗|为什么|怎么|谁|投诉|退|要求|希望|建议|能不能|请|麻烦|故障|错|少|破|漏|假|骗|泄露"
    r"|又|再|一直|居然|竟然|才|还要|到现在|还显示|怕|担心|一般|凑合|将就|勉强|后悔|气|烦|无语"
    r"|呵呵|坑|差评|还行|还可以|还好|算了"
)


def is_only_praise(normalised: str) -> bool:
    """Whether a normalised message praises or thanks and says nothing negative."""
    return (
        len(normalised) <= MAX_LENGTH
        and NOT_ONLY_PRAISE.search(normalised) is None
        and PRAISING.search(normalised) is not None
    )
