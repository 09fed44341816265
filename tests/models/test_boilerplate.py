"""What the model reads of a complaint: the channel's wrapping comes off, the complaint stays."""

import pytest

from models.boilerplate import complaint_body, is_content_free, strip_quoted, subject_body
from models.features import ComplaintText
from models.normalise import normalise_text


def test_quoted_replies_and_signatures_are_cut() -> None:
    assert strip_quoted("好的\n在 2026年11月20日 10:00，客服 写道：\n> 旧内容") == "好的"
    assert strip_quoted("thanks\nOn Mon, Nov 23, 2026 Support wrote:\n> old") == "thanks"
    assert strip_quoted("快递没到\n发自我的iPhone") == "快递没到"


@pytest.mark.parametrize(
    "sent_from",
    ["------\n此邮件由iPhone发送", "发自我的 iPad", "从我的手机发送", "来自网易邮箱大师",
     "發自我的華為手機", "发送自 Windows 版邮件应用", "从 iOS 版 Outlook 发送"],
)  # fmt: skip
def test_a_mail_apps_sent_from_line_is_a_signature(sent_from: str) -> None:
    assert strip_quoted(f"快递没到\n\n{sent_from}") == "快递没到"


@pytest.mark.parametrize(
    "notice",
    ["本邮件及其附件含有保密信息，仅限于发送给上面地址中列出的个人或群组。禁止任何其他人使用。",
     "免责声明：\n此邮件仅供指定收件人使用。", "【保密声明】", "此電子郵件包含機密資料",
     "CONFIDENTIALITY NOTICE: This email and any attachments are confidential.",
     "This e-mail is intended solely for the addressee."],
)  # fmt: skip
def test_a_confidentiality_notice_under_a_mail_is_cut(notice: str) -> None:
    assert strip_quoted(f"安装师傅进门不换鞋套。\n\n{notice}") == "安装师傅进门不换鞋套。"


@pytest.mark.parametrize(
    "line", ["来自京东的手机", "发自内心地说，这家店太差了", "从网上买的手机", "-----",
             "免责声明写得不清楚，条款有问题", "本邮件是第三次投诉了", "本邮件仅供参考，照片后补"]
)  # fmt: skip
def test_a_line_that_only_looks_like_a_sent_from_line_stays(line: str) -> None:
    assert strip_quoted(f"快递没到\n{line}\n详情如下") == f"快递没到\n{line}\n详情如下"


@pytest.mark.parametrize(
    ("wrapped", "body"),
    [
        ("尊敬的客服：\n买的冰箱不制冷了\n盼复，谢谢。", "买的冰箱不制冷了"),
        ("您好，\n\n快递三天没到\n\n谢谢！\n张先生\n13800138000", "快递三天没到"),
        ("悦家电器客服：您好！退款还没到账", "退款还没到账"),
        ("Hi 蜂巢CRM团队，\n\n导出坏了\n\nBest regards,\n刘洋\n锦禾贸易 运营部", "导出坏了"),
        ("在吗？我的订单少发了一件", "我的订单少发了一件"),
        ("你好快递三天没到", "快递三天没到"),  # typed straight on, as in a chat
        ("亲们，这款手机千万别买", "这款手机千万别买"),
        ("转人工\n我的订单少发了一件", "我的订单少发了一件"),  # typed to a chat robot first
        ("親愛的客服：\n退款還沒到賬\n盼覆，謝謝！", "退款還沒到賬"),
        ("各位领导好！我的订单少发了一件", "我的订单少发了一件"),
        ("张老师您好：孩子的课被取消了", "孩子的课被取消了"),
        (
            "快递没到\n\n-----原始邮件-----\n发件人: service@example.com\n主题: 自动回复",
            "快递没到",
        ),
        ("@华讯移动客服 网络断了三天 http://t.cn/A6abcd //@路人甲:同款", "网络断了三天"),
        # the chain ends with its line; the reposted post below is the complaint
        (
            "@某某官方客服 同款!//@路人甲:这也太坑了吧\n原微博：破壁机电机烧了",
            "同款! 原微博：破壁机电机烧了",
        ),
        ("@客服官方微博 发错货了 #投诉# [怒] 转发微博", "发错货了"),
        # topics that only file it as a complaint go; another topic keeps its words
        ("#消费维权# 快递没到 #优品商城投诉#", "快递没到"),
        ("快递没到\n#避雷# #踩坑#", "快递没到"),
        ("快递没到 #消费者权益# @抖音小助手", "快递没到"),
        ("刹车失灵，差点追尾 #刹车失灵#", "刹车失灵，差点追尾 刹车失灵"),
        # the complaint platform the post is on is an escalation, which the cues read
        ("快递没到 #黑猫投诉#", "快递没到 黑猫投诉"),
        ("[doge]快递没到[泪][泪]", "快递没到"),
        # thanks with what is said around them, a greeting with its addressee
        ("你好客服，退款还没到账，先谢谢了！", "退款还没到账，"),
        ("快递三天没到，麻烦尽快处理，谢谢啦～", "快递三天没到，麻烦尽快处理，"),
        ("您好华为客服：手机坏了\n非常感谢您！", "手机坏了"),
        ("网络断了三天，感谢感谢！！辛苦你们了", "网络断了三天，"),
        # a degree word goes with the thanks (太感谢了), but says trouble is a complaint
        ("宝贝收到了，质量很好，太感谢了！", "宝贝收到了，质量很好，"),
        ("物流很快，特此感谢。", "物流很快，"),
        ("快递没到，请尽快处理，麻烦您了", "快递没到，请尽快处理，"),
        ("快递没到，先麻烦您了！", "快递没到，"),
        ("坏了又要去售后维修，太麻烦了！", "坏了又要去售后维修，太麻烦了！"),
        ("每次带实体卡很麻烦了", "每次带实体卡很麻烦了"),
        ("Dear Sir/Madam,\n快递没到\nBest,\n李", "快递没到"),
        ("Hi team,\n退款没到\nKind regards\nLi", "退款没到"),
        ("各位领导好！快递没到\n望贵公司重视。\n消费者：王某", "快递没到"),
        ("【投诉】快递没到", "快递没到"),
        ("【差评】快递没到", "快递没到"),  # a shop review's kind
        ("追评：用了一周就坏了", "用了一周就坏了"),
        ("【紧急】快递没到", "快递没到"),  # urgency claimed: the guide wants a concrete reason
        ("紧急！快递没到", "快递没到"),
        ("我要投诉！快递没到", "快递没到"),  # it only says what kind of message it is
        ("快递三天没到我要投诉你们！！", "快递三天没到"),
        ("快递没到。\n以上情况属实，请核实。", "快递没到。"),  # a formal letter's last words
        ("投诉：快递没到", "快递没到"),
        ("投诉信\n尊敬的领导：快递没到", "快递没到"),
        # where a post came from
        ("转：快递没到（转自网友投诉）", "快递没到"),
        ("【转发】快递没到", "快递没到"),
        ("[App反馈] 快递没到", "快递没到"),  # a feedback form's tag
        ("【意见反馈】快递没到", "快递没到"),
        ("快递没到 (来源:微博)", "快递没到"),
        # that evidence comes with it
        ("快递没到（已上传图片3张）", "快递没到"),
        ("快递没到(有截图为证)", "快递没到"),
        ("快递没到【详见附件】", "快递没到"),
        # the frame of an agent's phone summary
        ("客户来电反映：宽带断网三天了", "宽带断网三天了"),
        ("市民来电称小区停水两天", "小区停水两天"),
        ("客户于今天反映盐城大成广场无信号", "盐城大成广场无信号"),
        # ...and of other speakers' records: hotlines, platforms, property desks
        ("诉求人反映：小区路灯坏了半个月", "小区路灯坏了半个月"),
        ("投诉人称：快递三天没到", "快递三天没到"),
        ("消费者投诉称，买到的奶粉过期了", "买到的奶粉过期了"),
        ("车主来电反映：刹车异响", "刹车异响"),
        ("業主反映，電梯壞了", "電梯壞了"),
        # a Weibo comment answering another, and what a Weibo page shows for a link or the rest
        ("回复@客服小美:快递三天没到", "快递三天没到"),
        ("快递三天没到...全文 网页链接", "快递三天没到"),
        ("快递三天没到 展开全文c", "快递三天没到"),
        ("快递三天没到 链接：https://item.example.com/123?spm=a1", "快递三天没到"),
        # HTML a web form or an export leaves in
        ("<p>尊敬的客服：</p><p>快递三天没到&amp;没人管<br/>&nbsp;</p>", "快递三天没到&没人管"),
        # the whole text in quotes, and the numbers of its points
        ("“快递三天没到，客服也不回复”", "快递三天没到，客服也不回复"),
        ("1. 快递三天没到\n2. 客服不回复", "快递三天没到 客服不回复"),
        ("1、快递三天没到；2、客服不回复", "快递三天没到； 客服不回复"),
        ("（1）快递三天没到（2）客服不回复", "快递三天没到 客服不回复"),
        ("一、快递三天没到。二、客服不回复", "快递三天没到。 客服不回复"),
        ("①快递三天没到②客服不回复", "快递三天没到 客服不回复"),
        # the desk's note under the complaint
        ("快递三天没到\n【客服备注】已安抚客户，转二线处理", "快递三天没到"),
        ("快递三天没到\n处理意见：建议退款", "快递三天没到"),
    ],
)
def test_salutation_greeting_closing_handles_and_links_come_off(wrapped: str, body: str) -> None:
    assert " ".join(complaint_body(wrapped).split()) == body


@pytest.mark.parametrize(
    "text",
    [
        "你们的客服，态度太差了",  # the addressee word is the complaint here
        "客服态度极差，问了三遍都不耐烦地挂我电话",
        "感谢小王师傅上门安装，非常专业细致，点赞！",
        "已经向@消费者协会 投诉了",  # other handles are escalation, not wrapping
        "问题类型：账号安全\n我的账号被盗了",
        "质量不好，退了吧",
        "我们好不容易等到了，结果是坏的",
        "【建议】增加夜间模式",  # a tag that says what the message is stays
        "[建议]增加夜间模式",
        "【质量投诉】收到的杯子有裂纹",  # a tag that names a category is content
        "我的电话[手机号]，快递没到",  # so does a redaction mask
        "亲测此平板开机就闪退",  # a word that begins as a greeting does: 亲测, 亲自, 你好用吗
        "亲自去营业厅办的，还是扣了钱",
        "你好歹给个说法吧",
        "high到一半就断网了",
        "客户来电咨询：怎么开电子发票",  # so does a frame that says it is a question
        "顾客称赞店员服务周到",  # 称 alone is a word of the text, not a frame
        "转账失败了，钱也没退回",
        "我要投诉你们的快递员",  # who is complained about is content
        "再推脱我就去消协投诉",  # an escalation: the cues read it
        "快递没到，强烈投诉！",  # strong feeling
        "差评！快递没到",  # the customer's own verdict
        "紧急情况：孩子烫伤了",
        "请核实我的账单为什么多了50元",  # what is to be checked is content
        "人工客服态度太差",
        "港闸区上海城3#1604无信号",  # a building number, no topic
        "投诉快递员态度差",
        "商品和图片不一样（图片来自详情页）",
        "颜色不对（图片是红色的）",  # what a picture shows is content
        "回复太慢了，@客服小美 到底管不管",  # 回复 is a word unless it answers a comment
        "客服说“不归我们管”，让我找快递",  # a quote inside is reported speech
        "“客服”说“不归我们管”",
        "买了2、3件都坏了，1.5米的床也有异响",  # numbers in the text, not points
        "不要辣\n备注：多放葱，结果全是辣的",  # a bare 备注 is the customer's own
        "快递三天没到\n客服回复太慢了",
        # a platform's field labels are not emoticons: models.form_fields reads them
        "[投诉编号] 17350012345\n[投诉问题] 快递没到\n[涉诉金额] 300元\n[投诉进度] 处理中",
        "全文都是错别字，链接也打不开",
        "AT&T的卡在国内用不了，1<2都算错",  # an & or < that is not markup
        "发件人：王丽 <wangli@example.com>",
    ],
)
def test_the_complaint_itself_is_left_alone(text: str) -> None:
    assert complaint_body(text) == text


@pytest.mark.parametrize(
    "pasted",
    [
        "发件人：王丽 <wangli@example.com>\n发送时间：2026年11月20日 9:12\n收件人：客服中心\n"
        "主题：投诉上门安装人员\n\n你好，\n安装师傅进门不换鞋套。\n\n"
        "本邮件及其附件含有保密信息，禁止任何其他人以任何形式使用本邮件中的信息。",
        "-----Original Message-----\nFrom: 王丽 <wangli@example.com>\nSent: Friday\n"
        "To: service@example.com;\n    sales@example.com\nSubject: FW: 投诉上门安装人员\n\n"
        "安装师傅进门不换鞋套。\n发自我的iPhone",
    ],
)
def test_a_mail_pasted_whole_reads_as_its_subject_and_message(pasted: str) -> None:
    # all of it is quote to a reply's reading; the header and the notice under the message
    # (保密, 禁止…使用) are not the complaint
    assert complaint_body(pasted) == "投诉上门安装人员\n安装师傅进门不换鞋套。"


def test_a_chat_pasted_with_both_sides_reads_as_the_customers_turns() -> None:
    chat = (
        "买家：杯子是碎的\n客服：亲，非常抱歉，请拍照\n买家：已经拍了\n什么时候补发？\n客服：已登记"
    )
    assert complaint_body(chat) == "杯子是碎的\n已经拍了\n什么时候补发？"
    # one speaker only: a form's field or a greeting to the desk, not a chat
    assert complaint_body("客户：快递没到\n问题：三天了") == "客户：快递没到\n问题：三天了"


@pytest.mark.parametrize(
    "export",
    [
        "2026-11-20 10:15:32 买家:\n杯子是碎的\n2026-11-20 10:16:01 客服:\n亲，非常抱歉，请拍照\n"
        "2026-11-20 10:17:12 买家:\n已经拍了",
        "买家 2026-11-20 10:15:32\n杯子是碎的\n客服小美 2026-11-20 10:16:01\n亲，非常抱歉，请拍照\n"
        "买家 10:17:12\n已经拍了",
    ],
)
def test_a_chat_tools_export_reads_as_the_customers_turns(export: str) -> None:
    assert complaint_body(export).split() == ["杯子是碎的", "已经拍了"]


def test_a_stamped_header_comes_off_a_chat_of_one_side() -> None:
    assert complaint_body("2026-11-20 10:15:32 买家:\n快递三天没到") == "快递三天没到"
    assert complaint_body("客户 14:30\n快递三天没到") == "快递三天没到"
    # a line of the customer's own that ends in a time stays
    assert complaint_body("我今天下午3:30\n到店里取货，没人") == "我今天下午3:30\n到店里取货，没人"


def test_a_complaint_platforms_thread_reads_as_the_customers_turns() -> None:
    """黑猫投诉-style threads name each turn: 商家回复：…, 用户补充：…, 平台回复：…"""
    thread = (
        "投诉人：快递三天没到\n商家回复：亲，已经为您反馈，请耐心等待\n"
        "用户追问：等了五天了还没到\n平台回复：已督促商家处理"
    )
    assert complaint_body(thread) == "快递三天没到\n等了五天了还没到"
    # 企业 or 平台 alone is a form's field (企业：华讯移动), not a turn: nothing is dropped
    form = "用户：张三\n企业：华讯移动\n问题：宽带断网三天"
    assert complaint_body(form).endswith("企业：华讯移动\n问题：宽带断网三天")


@pytest.mark.parametrize(
    "text", ["谢谢", "您好！", "在吗在吗？", "@华讯移动客服", "发件人：张三\n"]
)
def test_a_message_that_is_only_wrapping_stays_as_it_is(text: str) -> None:
    assert complaint_body(text) == text


def test_subject_loses_reply_and_forward_prefixes() -> None:
    assert subject_body("Re: 回复：退款进度") == "退款进度"
    assert subject_body("RE: 投诉：回电承诺未兑现") == "回电承诺未兑现"


@pytest.mark.parametrize("subject", ["投诉", "我要投诉！", "客户投诉", "投诉信", "Re: 投诉"])
def test_a_subject_that_only_says_complaint_is_not_read(subject: str) -> None:
    # as a mail's subject, 投诉 alone moved one label in twenty (benchmarks/channel_wrapping.py)
    assert subject_body(subject) == ""
    assert ComplaintText("快递没到", subject=subject).body() == "快递没到"
    assert subject_body("投诉快递员") == "投诉快递员"
    assert ComplaintText("没到账", subject="Fwd: 退款").body() == "退款 没到账"


@pytest.mark.parametrize(
    "text",
    ["在吗", "您好，请问有人吗？", "好的，知道了", "收到", "OK", "謝謝！！[抱拳]", "👍", "测试",
     "转人工", "。。。", "1", "测试邮件，请勿回复", "试一下能不能发出去",
     "测试一下邮件能不能收到，收到请忽略", "测试一下表单能不能提交成功",
     "有人在吗？在的话回个话呗", "客服小姐姐，收到请回复"],
)  # fmt: skip
def test_a_message_of_greetings_thanks_and_tests_says_nothing(text: str) -> None:
    assert is_content_free(normalise_text(text))


@pytest.mark.parametrize(
    "text",
    ["退款", "你好，退款还没到", "不好", "好好的东西坏了", "客服电话打不通", "可以退吗",
     "在吗" * 2000 + "退款", "这个邮箱收不到验证码", "消息发不出去", "能不能退款",
     "邮件收不到", "短信能收到，电话打不通", "表单提交不了", "客服一直不回复"],
)  # fmt: skip
def test_a_message_with_any_word_of_its_own_has_content(text: str) -> None:
    assert not is_content_free(normalise_text(text))
