"""A message that only chases the customer's open complaint: 我的投诉怎么还没处理？, 催一下,
工单进度如何, 有结果了吗.

Sent to a chat or a Weibo account while the customer's ticket is open, it is about that ticket,
not a complaint of its own; filed as one, it made a second ticket in the same queue, labelled
from the chase alone (怎么还没处理 reads as `service`, often P1 by the repeat cue). The test is
narrow on purpose: all of the message must be a pointer to the complaint (我的投诉, 上次反映的事,
the ticket's number), the chase and particles. 退款怎么还没到账 or 快递怎么还没到 name what is
wrong and stay messages of their own, for the model and the burst rule (`tickets.bursts`).
"""

import re

from models.boilerplate import complaint_body
from models.normalise import normalise_text

MAX_LENGTH = 40
_POINTER = (
    r"(?:请问|问一下|想问一下)?(?:我的|我|上次|之前|昨天|前天|上周|前几天)?(?:的)?"
    r"(?:投诉单?|工单(?:号)?|反映的?(?:问题|事情?)?|问题|事情?|那个事|单子)?\s?(?:ts-?[0-9#-]+)?"
)
_CHASE = (
    r"(?:怎么|为什么|为啥|咋)?(?:还是?|到现在还?|至今)没(?:有)?人?"
    r"(?:处理|回复|解决|联系我?|答复|结果|消息|动静|下文|反应|回音)"
    r"|催(?:一下|下|促一下|促)?|(?:处理|办理)?进度(?:怎么样|如何|呢)?"
    r"|有(?:结果|消息|进展|回复|人管)了?(?:吗|没|没有)"
    r"|什么时候(?:能|可以)?(?:处理|解决|回复|答复|有结果)|(?:到底)?有没有人(?:管|处理)"
)
_PARTICLES = r"(?:了|啊|呢|呀|吗|啦|哈)*[?!.,~\s]*"
CHASER = re.compile(rf"(?:{_POINTER}(?:{_CHASE}){_PARTICLES})+")


def chases(text: str) -> bool:
    """Whether the message, as sent, does nothing but chase a complaint already made."""
    normalised = normalise_text(complaint_body(text)).strip()
    return len(normalised) <= MAX_LENGTH and CHASER.fullmatch(normalised) is not None
