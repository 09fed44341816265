import pytest

from models.cues import PriorityCues
from models.errors import ModelError
from models.normalise import normalise_text
from tickets.paths import PathSettings


@pytest.fixture(scope="module")
def cues(paths: PathSettings) -> PriorityCues:
    return PriorityCues.from_file(paths.priority_cues)


def fired(cues: PriorityCues, text: str) -> dict[str, str]:
    """The cues that fire on `text` matched as the classifier does, inside a batch: with a
    text before it and one after (a pattern that reads the end of the text must see it there)."""
    batch = ["收到", normalise_text(text), "好的"]
    return {match.cue: match.floor for match in cues.match_batch(batch)[1]}


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("孩子用了你们的热水袋烫伤了", "injury"),
        ("充电器突然冒烟，差点着火", "fire"),
        ("吃完你们的外卖全家上吐下泻", "poisoning"),
        ("银行卡还在不停被扣款，快帮我冻结", "fraud_in_progress"),
        ("这事已经上热搜了", "media_exposure"),
        ("这件事已经上了本地新闻", "media_exposure"),
        ("我已经向法院起诉了", "legal_action"),
        ("已于5月17日向上海市徐汇区人民法院提起诉讼", "legal_action"),
        ("这家机构已经被央视曝光了，我们交的钱到底能不能退", "media_exposure"),
        ("上周上了315晚会，你们还在卖", "media_exposure"),
        ("我拍的视频已经在网上传疯了，几千人转发", "media_exposure"),
        ("厨房着火了", "fire"),
        ("我父亲在你们店里排队时当场晕倒了", "injury"),
        ("洗澡时头晕恶心，差点晕倒在浴室里", "injury"),
        ("骑手撞伤了我家老人", "injury"),
        ("在你们商场摔了一跤，膝盖擦伤了", "injury"),
        ("新买的暖风机开了一会儿就有火苗从后面窜出来", "fire"),
        ("电瓶车充电器一插上就噼里啪啦响，还有火星", "fire"),
        ("空调外机摇摇欲坠，下面就是小区的儿童游乐场", "falling_danger"),
        ("楼上的花盆放在窗台外沿，随时会掉下去", "falling_danger"),
        ("网约车司机一路超速还闯红灯，我吓得要命", "gas_or_vehicle_danger"),
        ("外卖骑手闯红灯把我撞飞了，我躺在马路上动不了", "injury"),
        ("吃了以后全家中毒了", "poisoning"),
        ("厨房一股煤气味", "gas_or_vehicle_danger"),
        ("电梯突然停了，我和孩子被困电梯半小时", "injury"),
        ("过山车停在最高处半个多小时了，我们被困在上面下不来", "injury"),
        ("开箱时被包装里的刀片割破了手", "injury"),
        ("我的账号被盗了，余额正在被转走", "fraud_in_progress"),
        ("嘴里划了个口子，流了好多血，刚缝完针", "injury"),
        ("泳池没有救生员，我儿子呛了水，还在医院观察", "injury"),
        ("老师让孩子一个人等着，我到的时候孩子不见了", "injury"),
        ("老人正在接听自称保险理赔中心的电话，已经转出两万元", "fraud_in_progress"),
        # the scam by its own words: a police caller, a "safe account"
        ("有人打电话说是公安局的，说我涉嫌洗钱，我已经转了两万", "fraud_in_progress"),
        ("对方让我把钱转到安全账户，我转了三次", "fraud_in_progress"),
        # a caller who said an airline had cancelled the flight
        ("自称航空公司的说航班取消了，让我打开手机银行操作，我已经转了五千", "fraud_in_progress"),
        ("热水器突然出了特别烫的水，差点烫到孩子", "injury"),
        ("烧水壶不会自停，烫到手了", "injury"),
        ("从未申请过借款却收到放款短信，我的身份信息被盗用了", "fraud_in_progress"),
        ("银行卡密码被修改了", "fraud_in_progress"),
        ("有人用我的身份信息在你们平台贷款了，催收电话打到我单位", "fraud_in_progress"),
        ("有人用我個身份證喺你哋度開咗戶口借錢", "fraud_in_progress"),
        ("孩子的手被门夹了一下，现在很疼", "injury"),
        ("电梯突然往下掉了好几层", "falling_danger"),
        ("电梯门没关就开始往上走，差一点被夹进去", "falling_danger"),
        ("燃气表附近一直有很重的臭味，我们不敢在家待", "gas_or_vehicle_danger"),
        ("按摩技师太用力，把我的肋骨按断了", "injury"),
        ("头发被泳池排水口吸住，差点淹死", "injury"),
        ("铁栅栏倒了，压住了一个路过的小学生", "injury"),
        ("地砖结冰了也不处理，我奶奶滑倒摔断了腿", "injury"),
        ("打完玻尿酸鼻子发黑，医生说是血管栓塞", "injury"),
        ("司机喝了酒开车，一路上左摇右晃", "gas_or_vehicle_danger"),
        ("我要求下车他不让，一直往前开", "personal_threat"),
        ("电暖器插上电后外壳带电，我老婆摸了一下被电得手发麻", "injury"),
        ("孩子吃完半夜发烧，已经去急诊了", "injury"),
        ("在你们医院急诊等了三个小时，我爸疼得直冒汗", "injury"),
        ("洗衣机的机身带电，碰一下就麻", "injury"),
        ("开水龙头的时候手被电了一下", "injury"),
        ("空调外机从墙上脱落，砸在楼下车棚上", "falling_danger"),
        ("工地的脚手架倒了，压到了路过的行人", "falling_danger"),
        ("好几个孩子受了伤", "injury"),
        ("按摩椅把头发卷进去了，拽掉了一大块头皮", "injury"),
        ("燃气灶装好以后一直有股臭鸡蛋味", "gas_or_vehicle_danger"),
        ("天然气灶关了火，阀门关不上", "gas_or_vehicle_danger"),
        ("司机开车时一直看手机，差点撞到人", "gas_or_vehicle_danger"),
        ("网约车司机把我拉到偏僻的地方，不让我下车", "personal_threat"),
        ("司机把我拉到郊外一条没有路灯的小路上，说要加钱才送我回去", "personal_threat"),
        ("今天有陌生人找上门来威胁我", "personal_threat"),
        ("外卖的汤里有死老鼠，我吃了几口，现在一直在吐", "poisoning"),
        ("奶粉里有玻璃碴，孩子已经喝了一半", "poisoning"),
        ("有人登录了我的支付宝，正在一笔笔转账", "fraud_in_progress"),
        ("我的信用卡在国外被刷了好几笔，卡还在我手上", "fraud_in_progress"),
        ("收到放款短信，我从来没有申请过贷款", "fraud_in_progress"),
        ("电热毯变得很烫，把床单都烤焦了", "fire"),
        ("电热毯用了一晚上，早上起来发现床单烧了个洞", "fire"),
        ("楼道里都是烟味，邻居家是不是着火了", "fire"),  # asked, not denied
        ("账号被盗了，登录手机号被改了，对方正在用我绑定的钱包下单", "fraud_in_progress"),
        ("账户被人登录了，现在还在一笔一笔往外转", "fraud_in_progress"),
        ("已经在头条上有上百万的阅读量", "media_exposure"),
        ("我发的视频播放量已超过50万", "media_exposure"),
        ("我妈用了你们的药膏，现在住院治疗", "injury"),
        ("电动车在楼道里充电，邻居报了警，消防车都来了", "fire"),
        ("司机突然掏出一把刀，让我把钱都交出来", "personal_threat"),
        ("代驾司机一路上对我动手动脚", "personal_threat"),
        ("外卖员因为我说他送晚了，直接动手打了我一拳", "personal_threat"),
        ("两名保安将我丈夫按在地上殴打", "personal_threat"),
        ("下车以后那个人一直跟着我到小区门口", "personal_threat"),
        ("酒店房间的插座里藏着针孔摄像头", "personal_threat"),
        ("房东偷偷装了摄像头对着床", "personal_threat"),
        ("民宿老板私自在浴室里装了监控", "personal_threat"),
        ("充电宝在包里突然炸开了", "fire"),
        ("暖手宝在我女儿手里突然爆开", "fire"),
        ("孩子摔破了膝盖", "injury"),
        ("孩子差点窒息", "injury"),
        ("吃完晚饭全家食物中毒了", "poisoning"),
        ("手机充着电突然爆炸了", "fire"),
        ("孩子在滑梯上受伤了", "injury"),
        ("下车后在路边被人抢劫了", "personal_threat"),
        ("有个老人心脏不舒服被120拉走了", "injury"),
        ("孩子摔下来后脑着地，救护车刚拉走", "injury"),
        ("快递员推了我一把，我撞到柜子上头破了", "injury"),
        ("急刹车时孩子差点摔出去，额头磕破了", "injury"),
        ("面包里有块碎玻璃，把嘴划了个大口子，血流不止", "injury"),
        ("牙医拔错了牙，现在满嘴是血", "injury"),
        ("孩子从滑梯上摔下来，恐怕骨折了", "injury"),  # 恐怕 tells it, it is no fear
        ("电暖器开了一晚上，早上起来插头都熔化了，还有一股焦糊味", "fire"),
        ("电动自行车充电的时候电池爆了，把楼道的东西都烧了", "fire"),
        ("楼道里全是烟，消防都来了", "fire"),
        ("取暖器倒了没有自动断电，把地毯烧了一个大洞", "fire"),
        ("屋里全是烟，幸好人没事", "fire"),
    ],
)
def test_p0_cues_fire_on_guide_examples(cues: PriorityCues, text: str, cue: str) -> None:
    assert fired(cues, text).get(cue) == "P0"


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("再不处理我就打12315", "escalation_threat"),
        ("我要起诉你们", "escalation_threat"),
        ("要求赔偿损失", "compensation_demand"),
        ("官方验证说是假货，要求假一赔三", "compensation_demand"),
        ("吹风机用了三次就烧坏了，我要求退货并补偿我的损失", "compensation_demand"),
        ("食品过期了，按规定要退十倍", "compensation_demand"),
        ("同样的问题又出现了，上个月刚修过的热水器，今天又不出热水了", "repeated"),
        ("又是这个快递员，又把包裹扔在门口，说了多少遍了还这样", "repeated"),
        ("这个问题我已经反映了不下五次了", "repeated"),
        ("过户手续我已经跑了四趟了", "repeated"),  # sent back and forth
        ("这已经是这周第三次了！外卖又晚了两个小时", "repeated"),
        ("这是我就同一建议第四次来信", "repeated"),
        ("银行一直说材料在总行，跑了四趟都没办成", "repeated"),
        ("暖气一直不热，找了热力公司三次了", "repeated"),  # who was asked, then the count
        ("申请仅退款被驳回了三次，东西明明是坏的", "repeated"),
        ("物业一直未处理", "repeated"),
        ("新买的冰箱不制冷，里面的肉全坏了", "core_function_down"),
        ("一而再再而三地让我等，到底什么时候给我换", "repeated"),
        ("申请退费，机构一直拖着不退", "repeated"),
        ("理赔款一直没到，保险公司一直拖着", "repeated"),
        ("三番五次送的菜汤都洒出来", "repeated"),
        ("公司买了二十台路由器，有十几台都频繁掉线", "batch_defect"),
        ("去修的时候，同时有好几台都来修，都是这个问题", "batch_defect"),
        ("这批电脑坏了好几台", "batch_defect"),
        ("手机从昨天开始打不了电话也接不了电话", "core_function_down"),
        ("POS机刷不了卡，店里一整天都没法收钱", "core_function_down"),
        ("洗衣机通电后没有任何反应", "core_function_down"),
        ("网络断了，我在家完全没法工作", "core_function_down"),
        ("小区的电梯一个月坏了四回了", "repeated"),
        ("这是我这个月第三次收到破损的包裹了", "repeated"),
        ("快递说找不到了，只愿意按运费的三倍赔", "compensation_demand"),
        ("这是我第三次投诉了", "repeated"),
        ("同一笔话费扣了两次", "money_loss"),
        ("快递丢了，我已经在邮政管理局申诉", "escalation_threat"),
        ("手机信号差，已经反映三次了", "repeated"),
        ("宽带从周五开始断网，到现在5天了", "core_function_down"),
        ("变速箱挂D挡无法行驶", "core_function_down"),
        ("大修发动机后无法加速", "core_function_down"),
        ("更新以后这个软件完全没法用", "core_function_down"),
        ("4S店和厂家互相推诿，问题到现在没解决", "repeated"),
        ("领克03发动机异响，4S店不予解决", "repeated"),
        ("没收到货，客服也不给解决", "repeated"),
        ("轮毂开裂，4S店拖延不处理", "repeated"),
        ("4S店拖欠置换补贴1.5万元", "money_loss"),
        ("退房两个月了押金还不退", "money_loss"),
        ("装修一分钱还没施工，定金两万说什么都不退", "money_loss"),  # a deposit, as 押金
        ("坡道起步动力瞬间消失，存在安全隐患", "safety_hazard"),
        ("高速上开着突然熄火", "safety_hazard"),
        ("阳台护栏松动，影响安全", "safety_hazard"),
        ("充电宝鼓包了，很烫", "safety_hazard"),
        ("银行卡里的钱不见了", "money_loss"),
        ("导游骂人，我要投诉到旅游局", "escalation_threat"),
        ("今天不退款，我明天就去市场监督管理局", "escalation_threat"),  # 市场监管 in full
        ("查出问题你们等着吃官司吧", "escalation_threat"),
        ("已经拨打了315，等待调查", "escalation_threat"),
        ("再不处理我就去媒体曝光", "escalation_threat"),
        ("不然我只能寻求法律援助了", "escalation_threat"),
        ("种植牙发炎了，再不处理就去卫健委", "escalation_threat"),
        ("不给说法我就举报到市场监督管理局", "escalation_threat"),
        ("退房时房东扣了我全部押金", "money_loss"),
        ("离店时押金被扣了200元", "money_loss"),
        ("还车时租车公司说车门有划痕，要扣我800押金", "money_loss"),
        ("不给退款我就去维权", "escalation_threat"),
        ("空调刚装好就不制冷，师傅来修了两次还是不行", "repeated"),
        ("已返修3次，每次拿回来用不了几天", "repeated"),
        ("小区无信号或信号较弱，已持续3个月左右", "core_function_down"),
        ("不断接到呼死你电话，一分钟好几个", "core_function_down"),
        ("视频会员已经取消自动续费了，这个月又被扣了25元", "money_loss"),
        ("退订了还在扣钱，每个月扣30", "money_loss"),
        ("沙发送货改约了三次还是没送到", "repeated"),
        ("这个问题我已经多次反映过了", "repeated"),
        ("4S店多次维修未解决", "repeated"),
        ("投诉客服也没有回音，只好寻求媒体的帮助", "escalation_threat"),
        ("要求书面道歉，并表示如不处理将向媒体曝光", "escalation_threat"),
        ("我已经把检测报告和聊天记录发给汽车媒体了", "escalation_threat"),
        ("再不退钱我就找记者", "escalation_threat"),
        ("再不处理我就把视频发到网上让大家评评理", "escalation_threat"),
        ("不给退款我就发小红书", "escalation_threat"),
        ("空调一直不制冷，师傅来看了两次也没修好", "repeated"),
        ("海鲜也不新鲜了，这已经是第二次了", "repeated"),
        ("送错地址，已经是第三次了！", "repeated"),
        ("装宽带的师傅又没来，已经是第二次这样了", "repeated"),
        ("ETC申请注销，提交了三次申请都被驳回", "repeated"),
        ("这个问题我已经反映了五次", "repeated"),
        # a wait of a fortnight or more for what is still not done
        ("机票退票申请提交了二十天，退款还没到账", "repeated"),
        ("退货退了半个月都还没退成功", "repeated"),
        ("已经一个多月了还没收到退款", "repeated"),
        ("理赔款一直没到，都快两个月了", "repeated"),
        ("退货退款都十五天了，商家一直不确认收货", "repeated"),
        ("退款申请提交了20天，钱还没到账", "repeated"),  # in digits
        ("2个多月都没人处理", "repeated"),
        ("同一个小区好几户人家的燃气表都走得特别快", "batch_defect"),
        ("开了三包都侧漏，是不是这批有问题", "batch_defect"),
        ("同一批次全是这样，都长了毛", "batch_defect"),
        ("骑了一个月就充不进电了，同批次好多人都是这样", "batch_defect"),
        ("我们店里买的这批鸡蛋，十箱里有六箱都是坏的", "batch_defect"),
        ("交房后幼儿园变成了商铺，我们几十户业主要求给出说法", "batch_defect"),
        ("车主群里几十个人实测，续航都不到一半", "batch_defect"),
        ("快递显示签收了，可我根本没收到，里面是2000多的手机", "money_loss"),
        ("包裹显示丢件，里面是给父母买的药，价值1200元", "money_loss"),
        ("到店被告知要另外加收100元服务费，订单上根本没写", "money_loss"),
        ("退房晚了一个小时，是不是要加收半天的房费", "money_loss"),  # 是不是 asks, denies nothing
        ("网约车司机到了终点没结束行程，多计了三公里的费用", "money_loss"),
        ("燃气表不走字，家里已经两天做不了饭了", "core_function_down"),
        ("收银系统登录不了，整个门店没法结账", "core_function_down"),
        ("指纹识别经常失灵，门锁基本不能正常用了", "core_function_down"),
        ("用了一个月就不能回充了，基本处于报废状态", "core_function_down"),
        ("这栋楼从昨天晚上停水到现在，老人孩子都没水用", "core_function_down"),
        ("小区停电三天了", "core_function_down"),
        ("充电宝用的时候有点发烫，有点担心安全", "safety_hazard"),
        ("送货员把液化气罐横放在电梯里，这样太危险了", "safety_hazard"),
        ("充电器充电时很烫，都不敢晚上充电，怕起火", "safety_hazard"),
    ],
)
def test_p1_cues_fire_on_escalation(cues: PriorityCues, text: str, cue: str) -> None:
    assert fired(cues, text).get(cue) == "P1"


@pytest.mark.parametrize(
    "text",
    [
        "检查过了，没有安全隐患",
        "虽然电视、网络等媒体对于她大肆炒作，但我并不欣赏",  # the media mentioned
        "多媒体功能差，gif不支持重复播放",
        "打开windows媒体播放器的时间有点长",
        "我对学习失去动力了",
        "押金已经退了",
        "安全问题咨询",
        "4S店处理得很及时",
        "问题已解决，不用再处理了",
        "车辆已经修好，可以正常行驶",
        "优惠券没法用在这个商品上",
        "大晚上的在路边打不着车",
        "#消费维权# 买的裙子起球了",  # a Weibo topic threatens nothing
        "这款电视保修两次上门，挺划算",  # warranty terms, not a repeated repair
        # a repeat customer, not a repeated complaint
        "已经多次购买了，真的很好用",
        "这个买过很多次了，口感很好",
        "点过很多次了，这次菜凉了",
        "买了这么多次，这次是最差的",
        "已经多次在京东购物，物流很快",
        "潘婷一家都在用，用了好多次了，真的很不错",
        "已经多次选择入住该酒店了",
        "多次住此酒店，唯一这次感觉一般",
        "奶茶超级好喝，喝了好多次了",
        "定了很多次了，最差的一次",
        "多次在这买衣服了，质量很好",
        "这个故事在各种励志图书中被多次引用",
        "宝宝很喜欢，每个故事都讲了无数次",
        "送餐员非常快，联系了好几次，非常好",
        "这苹果是有多次品，口感一般",
        "又一次愉快的购物，衣服很好",
        "这是第二次在店里买蛋糕",
        "这是我第二次来了",
        # a time of use, or a month that is not a wait
        "用了一个月了，还没发现有任何问题",
        "放了一个月都还没坏，苹果挺甜的",
        "这个月的快递还没到",
        "带着八个月大的婴儿，也没给我们办",
        "用了15天，一直不卡，很流畅",
        "这款手机用了3个月了还没有发现问题",
        "房间还不错，只是路还没修好",
        "这批入住的人整体感觉都不错",
        "很多户型都不错",
        "店家说不同批次的产品都是这样，尺寸有点出入",  # batches differ: no batch defect
        "买了两件，两件全是坏的",  # two units are no batch
        "快递没收到，里面是200多块的耳机",  # a sum under a thousand yuan
        "房间地毯有新烧了一个洞，说是我们弄的",  # a hotel's claim, not a fire
        # a hotel's weak shower, and a review of a stay with a power cut, are no outage
        "洗澡水小得没法洗澡",
        "入住当日因故停电、停水，住了3天",
        "4、不能用电话本发短信",
        "这件衣服不能用水洗",
        "一股焦糊味，咖啡越来越难喝了",  # burnt coffee, not a plug
        "房间里全是烟味，隔壁有人抽烟",
        "每次点都会迟到，这次还好有打五折的补偿",
        "KTV的酒水价格比外面贵三倍",
        "看到这条评论的朋友千万别买，假货",
        "拍照清晰，十倍变焦",
        "质量差的就别挂在网上卖了",
        "我在小红书上看到推荐才买的，发到朋友圈的照片也好看",
        "包装太差了，里面几块泡沫没塞严实，这样很危险的",
        "建议转账时增加收款人姓名的二次核对",  # 增加 then 收款人, no surcharge
        "给你们的售后点赞，换货流程特别快，没有任何推诿",  # praise: none denied
        "快递小哥很负责，因为少送了一份还跑了两趟",  # the courier came twice
        "这么多名人推荐，我只能说出版商厉害",  # 多名 then 人: no crowd
        "音量大的在上百人的会场也能听见",
        "问了客服三次发什么快递",  # asked, not a complaint repeated
        "律师事务所寄来的文件少了一页",  # a business named, no lawyer threatened
        "平板挺好的，WiFi版不能打电话",  # no phone in it, none broken
        "押金和结账都不能刷卡，要交现金",  # a hotel that takes no cards
        "房间连张桌子都没有，根本没有办法办公",
        "预售是定金不退的方式，我知道",  # the presale's terms, nothing withheld
        # 315 as a price, a room, an address or a model, not the hotline
        "这双鞋花了315元，穿了一周就开胶了",
        "M315是我喜欢的直板手机，315万像素",
        "西路315号2019室信号较弱",
        "支持国产，我都买了好几台了",  # many bought, none failing
        "散热是我用这么多台手提中最差的",
        "拍照有自动对焦、曝光补偿，后置拍照聚焦、曝光都很严重",  # a camera's exposure
        "用着还可以！至今还没有发现什么问题！",  # a problem not found is no problem unresolved
        "想念那种围着火炉吃雪糕的感觉",  # 着 then 火炉, not 着火
        "烟灰缸上居然还放着火柴",
        "超市说是老板味觉有问题！打客服说要去原产地投诉。昨天转了这个没多久被删了",
    ],
)
def test_p1_cues_stay_quiet_without_a_hazard_or_a_loss(cues: PriorityCues, text: str) -> None:
    assert not fired(cues, text)


@pytest.mark.parametrize(
    "text",
    [
        "幸好没有受伤",
        "保安在门口对我大声说话，态度很凶，虽然没动手",
        "打了我三次电话推销",  # a call, not a blow
        "客服打了我一下午电话",
        "未起火，只是有点烫",
        "我要起诉你们",
        "钱已经被扣了一个月，我已经准备起诉了",  # a threat, P1
        "已经打算向法院起诉",
        "胎压报警灯亮了",
        "多媒体系统卡顿",
        "手机屏幕有划痕，包装也划破了",
        "衣服缝线针脚粗糙",
        "孩子的书丢了",
        "通话中断，正在通话时掉线",
        "用我的身份证办卡需要带什么",
        "有人用我的名字和照片注册了账号",
        "今天的米饭有点夹生",
        "面包烤焦了，有点苦",
        "轮胎有点漏气，每周都要打气",
        "我被刷了好几个差评",
        "商家威胁我删差评",
        "我没有申请过贷款，别再打电话推销了",
        "煤气费比上个月贵了十几块",
        "请问你们的燃气热水器有没有防漏气自动关阀的功能？",
        "玻璃门上没贴防撞条，我差点撞上去",
        "卫生间墙面的瓷砖脱落了",
        "电梯停运三天了",
        "电梯门关了好几次才关上，然后才开始运行",
        "桌腿断了一根，送货师傅说是路上颠的",
        "暴雨后地下车库淹水了",
        "酒店挺好，就是附近吃饭不方便，喝了酒不能开车",
        "机身带电量显示一直不准",
        "插座带电的时候不要插拔",
        "买了一台自动电麻将机，洗牌很慢",
        "请问急诊在几楼",
        "谢谢你们的急诊医生，服务很周到",
        "请问住院部几点可以探视",
        "燃气灶的旋钮有点松，希望换一个",
        "我父亲住院理赔的材料交齐一个月了，保险公司还没赔",
        "住院费用报销比例是多少？",
        "有人冒充你们客服给我打电话，说要给我理赔，我没理他",
        "楼道的消防通道被杂物堵了",
        "手机的前置摄像头拍照很模糊",
        "小区门口装了监控摄像头，挺好的",
        "退订了还在扣钱，连续三个月每个月扣30，我就去工信部投诉",  # a billing dispute, P1
        "连续两期扣款都比账单多",
        "有些功能还在摸索，618下单的",
        "一直在这里下单，送货很快",
        "还在犹豫的朋友赶紧下单吧",
        "连续降价，真心觉得被骗了",
        # figures of speech from public reviews
        "酒店紧挨着火车站，有点吵",
        "快递真的是差到爆炸了",
        "裤子才穿一次就爆开了",  # a seam, a bottle in the parcel, a bag about to burst
        "一起买的沐浴露炸开了",
        "收到的时候变成气球一样，马上要爆开似的",
        "千万不要冒充我们烟台的苹果",
        "酒店门口就是消防队，非常吵",  # the fire station next door
        "所有东西全被摔破，洗发水瓶子直接摔破了",  # goods broken, not a person
        "酒精味弥漫空中，令人窒息",
        "突然短信振铃，差点把自己吓死，以为漏电",
        "没人来拿餐具了晕倒，点了个牛肉",
        "装货的人脑袋被门夹了？",
        "忙着抢救那些东西，都没有拍照",
        "晚上性骚扰的电话响了好几次",  # calls: security, not a person touched
        "才买三天就破屏，真的很受伤",
        "预装软件太多，还无法刷机，容易中毒",
        "苹果一股刺鼻的味道，我都怕中毒",
        "一双拖鞋要18元，抢劫啊",
        "打火机打不着火，买了十个有三个不能用",  # ignition, not a fire
        "冬天车子早上打着火要热好久",
        "这款游戏玩了会上瘾，中毒很深",
        "快递哥超速度，一天就到家了",
        "晕倒，手机又坏了",  # the exclamation
        "看到蒙牛就晕倒",
        "退房用了29分钟，我差点晕倒",
        "有一个坏的，有三个撞伤的",  # bruised fruit
        "苹果还行，有一些擦伤，不影响",
        "拆开一看衣服是破的，可想而知我的心受伤了",
        "三个受伤的，有点坏，放一天就不行了",
        "酒店电脑中毒了，退房等了半小时",  # a computer virus
        "火龙果全发霉了，这吃下去估计要中毒",
        "买的小猫确诊猫瘟，现在在宠物医院治疗",  # a pet, not a person
        "车主被拍超速，罚款200",
        "希望外卖平台能给骑手设置限速提醒，每天看到很多骑手闯红灯",  # a suggestion
        "已是第三次返修，客户要求更换配件并称如再不解决将起诉",  # a threat, P1
        "燃气灶的火苗很小，烧水要半小时",
        "我定的东西给送到了火星吗？",
        "男人来自火星，女人来自金星，这本书很有趣",
        "的士司机还趁火打劫，要了我155元",
        # an account taken over, with no money going out now: P1 by the model
        "我的网盘里的私人照片被分享出去了，怀疑账号被盗",
        "App显示我的账户在异地登录，并修改了绑定手机号，请立即锁定账户",
        # feared, not happened
        "充电器充电时很烫，都不敢晚上充电，怕起火",
        "外壳已经有点变形，担心会着火",
        "包装就一个纸盒子，真是不怕摔破了",
        "被子全湿透了，我们赶紧进行抢救行动",  # belongings rescued
        "理赔员让我找4S店，报案号ZC202405110873",  # an insurance claim's number, not a court's
    ],
)
def test_no_p0_cue_on_negated_or_threatened_harm(cues: PriorityCues, text: str) -> None:
    assert "P0" not in fired(cues, text).values()


@pytest.mark.parametrize(
    ("text", "told"),
    [
        # a telecom form asks and answers; only what it answers as happened is told
        ("是否发生SIM卡被盗补和资金损失：未发生SIM卡被盗补和资金损失", set()),
        ("是否重复投诉:否", set()),
        ("是否重复投诉:是", {"repeated"}),
        ("是否发生SIM卡被盗补：是否", set()),
        ("是否多台电脑使用并下载：否", set()),
        ("是否已报修:是@~客户卡被盗刷三笔", {"fraud_in_progress"}),
        ("请问这个充电器是否会起火？", set()),
        ("未发生人员受伤", set()),
        ("是否起火：否，但插座冒烟了", {"fire"}),
        ("我想问你们是否知道，我家孩子已经烫伤住院了", {"injury"}),
        ("你们的奶粉是否导致我孩子中毒住院了？", {"injury", "poisoning"}),
    ],
)
def test_a_cue_asked_about_or_denied_does_not_fire(
    cues: PriorityCues, text: str, told: set[str]
) -> None:
    assert set(fired(cues, text)) == told


@pytest.mark.parametrize(
    ("text", "floor"),
    [
        ("我的游戏账号被盗了，装备全被转走了，申诉了三天还没结果", None),
        ("账号里的积分被转走了", None),
        ("账号被盗，余额里的两千块被转走了", "P0"),
        ("银行卡里的钱被划走了三笔", "P0"),
    ],
)
def test_a_game_s_items_taken_are_not_money_taken(
    cues: PriorityCues, text: str, floor: str | None
) -> None:
    assert fired(cues, text).get("fraud_in_progress") == floor


@pytest.mark.parametrize(
    ("text", "fires"),
    [("甲", True), ("乙丁", True), ("丙丁", True), ("己", True), ("戊己", True), ("乙", False),
     ("庚庚", True), ("庚辛", False), ("没有甲", False)],
)  # fmt: skip
def test_every_alternative_fires_however_the_pattern_is_split(text: str, fires: bool) -> None:
    """Patterns are split into alternatives that start with a character for speed
    (`(乙|丙)丁` becomes `乙丁|丙丁`); a repeated or referred-to group stays whole."""
    cues = PriorityCues.from_yaml(
        'cues:\n  - {id: a, floor: P1, patterns: ["甲|(乙|丙)丁|(戊)?己", "(庚|辛)\\\\1"]}'
    )
    assert bool(cues.match(text)) is fires


def test_a_cue_reads_one_complaint_never_its_neighbour_in_the_batch(cues: PriorityCues) -> None:
    """A batch is one string joined by line breaks; a negated class (`[^。！？]{0,30}`) must
    stop at the break, as `.` does, or 一千多块钱 here and 弄丢了 in the next complaint make a
    money loss that neither tells."""
    batch = [normalise_text(text) for text in ("一千多块钱打水漂了", "相机快递给我弄丢了")]
    assert cues.match_batch(batch) == [cues.match(text) for text in batch] == [[], []]
    own = PriorityCues.from_yaml('cues:\n  - {id: a, floor: P1, patterns: ["甲[^。]{0,9}乙"]}')
    assert own.match_batch(["甲", "乙"]) == [[], []]
    assert [match.matched for match in own.match("甲，乙")] == ["甲，乙"]


def test_cue_file_errors_name_the_cue() -> None:
    with pytest.raises(ModelError) as caught:
        PriorityCues.from_yaml(
            "cues:\n  - id: broken\n    floor: P0\n    patterns: ['(']\n", "c.yaml"
        )
    assert caught.value.code == "cue-pattern"
    assert "broken" in caught.value.message
    with pytest.raises(ModelError) as caught:
        PriorityCues.from_yaml("cues:\n  - id: nofloor\n    patterns: [x]\n", "c.yaml")
    assert "floor" in caught.value.message
