import pytest

from models.belied_claims import tells_a_belied_claim
from models.normalise import normalise_text


@pytest.mark.parametrize(
    "text",
    [
        "卖家说是纯棉的，洗了一次就起球，看了下标签才知道是涤纶",
        "民宿照片上是海景房，实际上窗外是一堵墙",
        "商品页面标的是256G，拿到手一看只有128G",
        "宣传单上写着全场五折。到店里才知道只有几件打折",  # the next sentence belies it
        "房东说房子家电齐全，搬进来发现洗衣机是坏的",
        "視頻裡看著挺大的，實際收到只有手掌那麼大",  # read after normalising
        "图片上是大份的，送来的是小份的",  # what was brought
        "租房平台上照片看着挺新的，实地去看家具都是破的",  # what was seen there
        "图片是米白色，实物是灰黄色",
        "菜单上写的是和牛，吃起来就是普通牛肉",  # what was tasted, used or found on arrival
        "团购套餐写的四菜一汤，到店说汤要另外点",
        "说好的充值500送200，充完只到了500",
        "菜单上写的是澳洲和牛，端上来的就是普通牛肉",
        "说是能防蓝光的眼镜，拿去眼镜店测了根本不防",  # what a test found
        "直播间说是正品行货，我去专柜验，说是翻新机",
        "号称续航十小时，实测只有五小时",
    ],
)
def test_a_claim_then_what_belies_it(text: str) -> None:
    assert tells_a_belied_claim(normalise_text(text))


@pytest.mark.parametrize(
    "text",
    [
        # a promise of what staff would do: the guide's broken verbal promise, `service`
        "客服说第二天会给我回电话，结果等了三天都没人联系我",
        "前台说马上派人来修空调，结果等了两个小时也没来人",
        "虽然说价格便宜，但实际用起来真的太卡了",  # a concession, not a claim
        "卖家说是纯棉的",  # a claim nothing belies
        "收到了，质量很好",
        # the claim and what was found too far apart: two sentences away
        "宣传的是纯棉。洗了几次。看了下标签才知道是涤纶",
        "中介带看房的时候说得天花乱坠\n期望结果：尽快处理",  # a form's field, not a finding
        "说有专业的技术人员会处理，但是一直没有结果",  # an outcome awaited
        "邮寄到厂家说没有收到",  # a parcel that never came
        "骑手说已经送来了，我下楼根本没有",  # what was brought, said: no finding
        "客服说要寄回去验证了才能换",  # a test asked for, not done
        "卖家说是正品，我猜测了一下应该是真的",
    ],
)
def test_no_claim_belied(text: str) -> None:
    assert not tells_a_belied_claim(normalise_text(text))
