"""Praise in a text that turns comes off: in 味道很好，就是送得太慢 the complaint is 送得太慢.

The guide files a complaint under its primary problem, the one the customer wants fixed. Reviews
and messages often mix praise with the problem and turn between them (但是, 就是, 不过, 可惜...):
水果很新鲜很甜，就是少发了两个, 送餐太慢了，不过味道还不错. The praise words pulled such a complaint
to `non_complaint` or to the category of what was praised (the first was read as `quality`). So
in a text with a turn, the features leave out the clauses that praise and say nothing negative.
A text without a turn is read whole, as is one that only praises; cues read the whole text.
A clause that reports a claim is not praise: in 宣传说很耐用，但是用了两天就坏了 the claim is what
makes the complaint `misleading`, and without it the text read as `quality`.

Matched on normalised text (half-width commas, simplified characters), guarded by one search
for a turn, which most complaints lack, and one for praise.
"""

import re

from models.clauses import BREAKS, without_clauses

# a turn is one of these words opening a clause after the first
TURN_WORDS = "(但是|但|就是|不过|可惜|只是|唯一|美中不足|然而|可是)"
# a turn word anywhere: what a batch is searched for (`models.reading`), faster to find
TURN_WORD = re.compile(TURN_WORDS)
TURN_AFTER_BREAK = re.compile(BREAKS + TURN_WORDS)
PRAISE = re.compile(
    r"不错|挺好|很好|真好|还好|还行|还可以|满意|好吃|好喝|很快|挺快|超快|神速|迅速|赞|棒|喜欢|"
    r"漂亮|实惠|划算|给力|好评|新鲜|准时|及时|方便|舒服|干净|热情|耐心|周到|好用|正品|清晰|"
    r"流畅|丰富|精美|精致|用心|实用|好看|结实|耐用|靠谱|贴心|暖心|高效|省心|舒适|美味|可口|准确|"
    r"安静|专业|好$|快$"
)
# PRAISE in any clause of a text: a clause's end is a break or the text's end
PRAISE_IN_TEXT = re.compile(PRAISE.pattern.replace("$", f"(?={BREAKS}|$)"))
# a clause with any of these is not plain praise (不错 is praise, 不过 a turn)
NEGATIVE = re.compile(r"不(?!错|过)|没|无|未|差|慢|贵|坏|烂|难|垃圾|失望|太|问题")
# 说 that reports what someone said; 虽然说 concedes (虽然说外观很漂亮，但是用了两天就坏了)
SAID = r"说(?<!虽然说)(?<!虽说)"
# a clause with any of these reports what was advertised, promised or shown: not praise
CLAIM = re.compile(
    r"宣传|广告|号称|承诺|保证|" + SAID + r"|写着|写的|标着|标的|标称|标注|标题|页面|详情|描述"
    r"|介绍|图片|照片"
)


def without_praise_if_turned(text: str) -> str:
    """The text without its praising clauses if it turns; the whole text otherwise."""
    if not TURN_AFTER_BREAK.search(text) or not PRAISE_IN_TEXT.search(text):
        return text
    return without_clauses(text, _praises)


def _praises(clause: str) -> bool:
    return (
        PRAISE.search(clause) is not None
        and NEGATIVE.search(clause) is None
        and CLAIM.search(clause) is None
    )
