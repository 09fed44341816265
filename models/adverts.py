"""An advertisement or spam sent to the complaint desk: 兼职刷单日赚三百，详情私聊; 【惠享商城】全场
低至1折，点击链接立即抢购，退订回T.

The labelling guide files spam as `non_complaint`, but an advert names money, goods and fees
(贷款, 发票, 优惠券, iPhone), so the model read such words as a complaint's topic: of ten
adverts written for this rule, it filed four as `billing`, `misleading`, `after_sales` or
`quality`, and the labelled data has six adverts to learn from. An advert makes an offer and
asks the reader to act on it (加微信, 私聊, 点击链接); a complaint about spam quotes the same
words but also says what is wrong (每天都收到, 骚扰, 退订了还发), and stays a complaint
(`security`). So a message with an offer, a call to act and no word of a grievance gets, by
rule, the category of a message with no content of its own. It takes none of the labelled
complaints and none of the 39,033 bad public reviews; of the good ones it takes 2, both no
complaint (a brand's reply 欢迎关注我, a prize won at a shop).
"""

import re

from models.joined_texts import JoinedTexts

# every alternative starts with a character, never a group, so that the regex engine skips
# ahead to where a match can begin (see `models.cues`)
CALL_TO_ACT = re.compile(
    r"加(微信|v|vx|wx|qq|q群|群)|v信|微信号|联系微信|私聊|私信|私我|详询|详情(咨询|请访问)"
    r"|咨询热线|拨打.{0,6}热线|有意者|有意私|期待(与您)?合作|访问.{0,4}官网"
    r"|点击 ?(链接|领取|下载|查看|进入|兑换|[a-z])|戳 ?[a-z链这]|速戳|领奖"
    r"|立即(抢购|申请|领取|下载|办理|参与)|马上(抢购|申请|领取|下载)"
    r"|待领取|免费领取|即可领取|速领|退订回|回t退订|扫码(领|关注|添加|进群)|关注(公众号|我)"
    r"|感兴趣的?(加|联系|私|可以)|添加.{0,4}(客服|微信|qq)|联系电话"
)
OFFER = re.compile(
    r"低至|折起|日赚|日结|月入|佣金|兼职|刷单|返利|贷款|放款|备用金|额度|无抵押|秒到账|中奖|恭喜"
    r"|抽中|奖品|高仿|复刻|一比一|1比1|出售|转让|代开|代办|代写|代考|招聘|诚聘|优惠|福利|红包"
    r"|抽奖|免费|大礼包|好礼|金币|积分|消费券|补贴|名额有限|先到先得|限时|秒杀|特价|清仓|包邮"
    r"|新品|开业|促销|[0-9一二三四五六七八九](\.[0-9])?折|获得.{0,6}奖"
)
# anything a customer with a grievance says: a complaint about spam quotes the advert too
GRIEVANCE = re.compile(
    r"收到|接到|骚扰|烦|投诉|举报|骗|泄露|怎么|为什么|凭什么|又|还是|每天|天天|一直|不要再|别再"
    r"|反复|多次|要求|核实|是不是|是否|你们|退订了|不能|无法|没|未(?!拆)|却|结果|但|差|坏|问题"
    r"|失望|退款|退货|不成功|失败|反映"
)


def is_advert(normalised: str) -> bool:
    """Whether a normalised message is an advert: an offer and a call to act, no grievance."""
    return (
        CALL_TO_ACT.search(normalised) is not None
        and OFFER.search(normalised) is not None
        and GRIEVANCE.search(normalised) is None
    )


def advert_rows(joined: JoinedTexts) -> set[int]:
    """The indexes of the adverts in a joined batch of normalised messages. One search of the
    whole batch finds the few with a call to act; a search per message cost 2 % of throughput."""
    candidates = joined.owners(match.start() for match in CALL_TO_ACT.finditer(joined.text))
    return {row for row in candidates if is_advert(joined.texts[row])}
