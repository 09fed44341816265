import pytest

from models.adverts import advert_rows, is_advert
from models.joined_texts import JoinedTexts
from models.normalise import normalise_batch, normalise_text

ADVERTS = [
    "【惠享商城】双十一狂欢，全场低至1折，戳 t.cn/A6x9Kq 立即抢购，退订回T",
    "招聘兼职打字员，在家就能做，日结200-500元，有意者加微信 zq77812",
    "代开各类发票，增值税专票普票均可，税点低，联系电话[手机号]",
    "高仿名牌包包一比一复刻，支持专柜验货，需要的私聊",
    "恭喜您获得二等奖，奖金五万元，请添加客服QQ 2837461 领取",
    "低息贷款，无需抵押，当天放款，额度最高五十万，详询[手机号]",
    "本店新品上市，关注公众号领取十元无门槛优惠券",
    "出售全新未拆封iPhone，价格美丽，有意者私信",
]


@pytest.mark.parametrize("text", ADVERTS)
def test_an_offer_with_a_call_to_act_is_an_advert(text: str) -> None:
    assert is_advert(normalise_text(text))


@pytest.mark.parametrize(
    "text",
    [
        # complaints about spam quote the advert, and say what is wrong: security, not spam
        "每天都收到你们的短信：【惠享商城】全场低至1折，点击链接立即抢购，退订回T",
        "退订了还在发：高仿名牌包包一比一复刻，需要的私聊",
        "你们是不是把我的号码卖了？天天有人让我加微信做兼职刷单",
        # questions and complaints about an offer
        "请问新用户注册有没有优惠？",
        "请问你们招聘兼职客服吗？",
        "说好的优惠券领取不了，点击领取一直没反应",
        "直播间说下单送大礼包，我私信客服问了三次都没发",
        # praise that names an offer and a link
        "过年期间看到优惠，就下单了，头发洗后很柔软",
    ],
)
def test_a_grievance_or_a_question_is_no_advert(text: str) -> None:
    assert not is_advert(normalise_text(text))


def test_advert_rows_finds_the_adverts_of_a_batch() -> None:
    texts = ["快递三天没到", ADVERTS[0], "请问新用户注册有没有优惠？", ADVERTS[1]]
    assert advert_rows(JoinedTexts(normalise_batch(texts))) == {1, 3}
