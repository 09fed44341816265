import pytest

from models.boilerplate import complaint_body
from models.no_grievance import (
    is_only_praise,
    is_only_praise_with_its_closing,
    is_plain_question,
    names_a_wait,
)
from models.normalise import normalise_text


@pytest.mark.parametrize(
    "text",
    [
        "手机用了一年多了，电池依然很耐用，很满意。",
        "快递员每次都送货上门，辛苦了！",
        "这次的安装师傅很专业，装完还把地面打扫干净了，给个好评。",
        "物流很快，包装也很用心，东西完好无损，下次还来。",
        "燃气公司的师傅下午过来检查过了，阀门也换了，现在一切正常，辛苦了。",  # 燃气 is no anger
        "味道很不错，下次继续光临",  # 不错 is praise, 错 alone is not
        # a fault denied, and an idiom with a negation in it, praise
        "你们的客服小刘特别耐心，我问了好多遍都没有不耐烦，给五星。",
        "给你们的售后点赞，换货流程特别快，没有任何推诿。",
        "快递员下暴雨还准时送到，包裹一点都没湿，辛苦了！",
        "护士对我母亲照顾得无微不至，特此感谢。",
        "客服真是太耐心了，太棒了",  # 太 with praise is praise
        "看到师傅们在小区里一根根接线，太辛苦了，点赞",
    ],
)
def test_a_message_that_only_praises(text: str) -> None:
    assert is_only_praise(normalise_text(text))


@pytest.mark.parametrize(
    "text",
    [
        "外观很漂亮，然而用了一个月屏幕就出现了亮斑",  # a turn
        "送餐很快，就是菜凉了",
        "客服态度很好，可是问题没解决",  # a negation
        "理赔材料早就交齐了，到现在还显示审核中，只说耐心等待",
        "服务很专业，希望能多开几个窗口",  # a suggestion
        "这么快就坏了？",  # a question
        "真棒，太棒了，等了三个小时",  # 太 is no plain praise
        "服务挺好的，就是房间有股怪味",
        "卷饼还不错，送餐一个半小时，送来都凉了",
        "质量不错，如果能多几个颜色可选就好了",  # a wish
        "服务真好，让我在门口等了三个小时",
        "味道不错，就是有点咸",
        "师傅很专业，可把我气死了",
        "东西收到了",  # nothing praised
        "客服态度很好，可是没有任何回复",  # what is missing is no fault denied
        "师傅很专业，就是没有任何效果",
        "快递员很负责" + "，东西也很好" * 20,  # too long to be only praise
    ],
)
def test_a_message_that_does_more_than_praise(text: str) -> None:
    assert not is_only_praise(normalise_text(text))


@pytest.mark.parametrize(
    "text",
    [
        "请问退货需要自己付运费吗？",
        "宽带包年和包月哪个更划算？",
        "你好，这个套餐每个月的流量是多少？",
        "想问一下会员到期了怎么续费",
        "客户来电咨询燃气表更换是否收费，已解答。",
        "请问空气净化器的滤网多久换一次？",
    ],
)
def test_a_plain_question(text: str) -> None:
    assert is_plain_question(normalise_text(text))


@pytest.mark.parametrize(
    "text",
    [
        "我的快递怎么还没到？",  # a complaint asked as a question
        "为什么扣我钱？",
        "能准时送达吗？都等了两个小时了",
        "打印机最近频繁卡纸，请问有什么解决办法",  # a problem first
        "我咨询过一次装修报价，我的号码是谁给出去的？",
        "希望能加一个夜间模式，可以吗？",  # a suggestion
        "请问退款什么时候到账" + "，麻烦尽快处理" * 5,  # a demand, and too long
        "以前一打开都是苹果的香气，这次一打开就有股怪味儿?",
        "那麻烦直接配客服好吗？要你干嘛？",
        "请问我的快递什么时候到？都五天了",  # a wait
    ],
)
def test_a_question_that_complains_or_suggests(text: str) -> None:
    assert not is_plain_question(normalise_text(text))


@pytest.mark.parametrize(
    "text",
    [
        "请问我的快递什么时候到？已经一个星期了。",
        "请问退款到底什么时候能到账？已经申请十天了。",
        "付款都第六天了",
        "已经等了三个多小时了",
        "我的订单怎么还没发货",
        "为什么到现在还没有人联系我",
    ],
)
def test_a_wait_named(text: str) -> None:
    assert names_a_wait(normalise_text(text))


@pytest.mark.parametrize(
    "text",
    [
        "请问快递一般几天能到？",
        "已经用了三个月了，很好用",  # how long it was used, not waited for
        "都三年了，一直用你们家的",
        "问题已经解决了，谢谢",
    ],
)
def test_no_wait_named(text: str) -> None:
    assert not names_a_wait(normalise_text(text))


def test_praise_in_its_closing_thanks() -> None:
    # the body the model reads leaves the thanks out, and what remains praises nothing
    text = "快递小哥冒雨送货，还帮我搬上五楼，太感谢了！"
    assert is_only_praise_with_its_closing(text)
    assert not is_only_praise(normalise_text(complaint_body(text)))
    assert is_only_praise_with_its_closing("護士半夜還來幫我換藥，辛苦了，謝謝你們")
    assert not is_only_praise_with_its_closing("快递三天了还没到，太感谢了！")
    assert not is_only_praise_with_its_closing("快递小哥冒雨送货，还帮我搬上五楼")  # no thanks
