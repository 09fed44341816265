"""Behaviour of the trained model, in Chinese (invariance and direction tests)."""

import gc

import numpy as np
import pytest

from models.bundle import ModelBundle
from models.classifier import ClassifierConfig, ComplaintClassifier, thresholds_for_precision
from models.cues import PriorityCues
from models.features import ComplaintText


def predict_one(bundle: ModelBundle, text: str):  # type: ignore[no-untyped-def]
    return bundle.classifier.predict([ComplaintText(text)], explain=True)[0]


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("快递送了一个星期还没到，物流信息也不更新", "delivery"),
        ("客服态度极差，问了三遍都不耐烦地挂我电话", "service"),
        ("希望你们的APP能增加夜间模式", "suggestion"),
        ("收到的手机开不了机，屏幕也有裂痕", "quality"),
        ("我没有订购任何业务，每个月却被扣了10元", "billing"),
        ("有陌生人打电话报出我的姓名地址和订单号，我的信息被泄露了", "security"),
        # praise first, then the complaint: the complaint decides
        ("水果很新鲜很甜，就是少发了两个", "delivery"),
        ("房间干净，位置也好，就是前台小姑娘态度冷冰冰的", "service"),
        # ...but praise that was advertised is the claim the complaint is about
        ("宣传说很耐用，但是用了两天就坏了", "misleading"),
        # slowness belongs to what is slow
        ("网速太慢了，视频都卡", "quality"),
        ("客服回复太慢了", "service"),
        ("退款太慢了", "after_sales"),
        ("物流太慢了", "delivery"),
        # a time not yet reached, not a parcel not yet come (还没到 was a delivery word)
        ("衣服穿了还没到两次就开线了", "quality"),
        # a remedy asked as a question is no suggestion (能不能 is a suggestion's word)
        ("少发了一件，能不能补发", "delivery"),
        ("水壶用了一周就漏水，你们能不能换货", "quality"),
        # passing the buck in an idiom, a service called names
        ("你们这是什么破服务！！！气死我了！！！一个问题推来推去", "service"),
        ("物业和开发商互相扯皮，谁都不管。", "service"),
        # the guide's "not a real four-star hotel"
        ("号称四星级，实际上也就快捷酒店的水平，早餐就几样咸菜和稀饭。", "misleading"),
        # a claim, then what belies it (was quality)
        ("民宿照片上是海景房，实际上窗外是一堵墙。", "misleading"),
        ("外卖图片上的鸡腿那么大，实际送来的小得可怜，跟图片差太多了。", "misleading"),
    ],
)
def test_model_reads_clear_complaints(bundle: ModelBundle, text: str, category: str) -> None:
    assert predict_one(bundle, text).category.label == category


CLEAR_COMPLAINTS = [
    "快递送了一个星期还没到，物流信息也不更新",
    "收到的手机开不了机，屏幕也有裂痕",
    "我没有订购任何业务，每个月却被扣了10元",
    "申请退货一个星期了，商家一直不审核",
    "宣传说是纯棉的，收到一看标签是涤纶",
    "衣服尺码发错了",
]
CHANNEL_WRAPPINGS = [
    "尊敬的客服：\n{}\n盼复，谢谢。",
    "您好，\n\n{}\n\n谢谢！\n张先生\n\n-----原始邮件-----\n主题: 自动回复: 您的来信已收到",
    "@华讯移动客服 {} http://t.cn/A6xyz //@路人甲:转发微博",
    "在吗？{}",
    "你好客服，{}，先谢谢了！",
    "您好华为客服：{}\n非常感谢您！",
    "{}，谢谢啦～",
    # a plea for a quick answer (models.generic_requests)
    "客户来电反映：{}。客户要求尽快回复。",
    "{}\n期望结果：尽快处理",
    "{}，请相关部门尽快核实处理！",
    "{}，麻烦给个答复，在线等",
    # the sender's details and ways of writing that say nothing of the complaint
    "{}\n我的手机号是13812345678，麻烦联系我",
    "{}\n客户姓名：张三 身份证号：110101199003071234",
    "😭😭{}😡😡",
    "{}！！！！！！",
    "喂你好，就是那个，{}，嗯，就这样",
    "{}\n------\n此邮件由iPhone发送",
    "转：{}（来自小红书）",
    "【投诉进度】处理中\n{}",
    "[App反馈] 版本 5.2.1 / Android 13\n{}",
]


@pytest.mark.parametrize("wrapping", CHANNEL_WRAPPINGS)
def test_labels_do_not_depend_on_the_channels_wrapping(bundle: ModelBundle, wrapping: str) -> None:
    for text in CLEAR_COMPLAINTS:
        plain, wrapped = predict_one(bundle, text), predict_one(bundle, wrapping.format(text))
        assert (wrapped.category.label, wrapped.priority.label) == (
            plain.category.label,
            plain.priority.label,
        ), wrapping.format(text)


@pytest.mark.parametrize("form", ["投诉内容：{}", "问题描述：{}\n期望结果：尽快处理"])
@pytest.mark.parametrize(
    "text",
    [
        "商家拒绝退款，说已经过了退货期",
        "我根本没用这么多流量，却被收了300多的流量费",
        "中介带看房的时候说得天花乱坠，签完合同之后打电话再也不接了",
    ],
)
def test_labels_do_not_depend_on_a_forms_field_labels(
    bundle: ModelBundle, form: str, text: str
) -> None:
    plain, in_form = predict_one(bundle, text), predict_one(bundle, form.format(text))
    assert (in_form.category.label, in_form.priority.label) == (
        plain.category.label,
        plain.priority.label,
    )


@pytest.mark.parametrize(
    "form", ["[App反馈] 版本 5.2.1 / Android 13\n{}", "{}\n系统：Android 14 应用版本：6.1.0"]
)
@pytest.mark.parametrize("text", ["少了一份南瓜粥", "点的鸡腿饭送成了鸭腿饭", "等了两个小时饭才到"])
def test_labels_do_not_depend_on_an_apps_version_line(
    bundle: ModelBundle, form: str, text: str
) -> None:
    plain, in_form = predict_one(bundle, text), predict_one(bundle, form.format(text))
    assert in_form.category.label == plain.category.label


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("我的电话是13800138000，快递三天还没送到", "我的电话是13912345678，快递三天还没送到"),
        ("张伟投诉：收到的洗发水是假货", "李娜投诉：收到的洗发水是假货"),
        ("订单号202405201187，退款一直没到账", "订单号202311119999，退款一直没到账"),
        # a phone number as a platform masks it reads like any other
        ("耳机左边没声音\n联系电话：13812345678", "耳机左边没声音\n联系电话：138****5678"),
        ("面包过期了\n联系电话：13812345678", "面包过期了\n联系电话：138****5678"),
        ("手机屏幕有划痕\n联系电话：13812345678", "手机屏幕有划痕\n联系电话：138****5678"),
    ],
)
def test_labels_do_not_depend_on_numbers_or_names(
    bundle: ModelBundle, before: str, after: str
) -> None:
    first, second = predict_one(bundle, before), predict_one(bundle, after)
    assert first.category.label == second.category.label
    assert first.priority.label == second.priority.label


@pytest.mark.parametrize("addition", ["孩子烫伤了", "我已经起诉了", "已经上热搜了"])
def test_danger_or_legal_action_raises_priority_to_p0(bundle: ModelBundle, addition: str) -> None:
    base = "买的电热水壶用了两天就漏水"
    assert predict_one(bundle, base).priority.label != "P0"
    raised = predict_one(bundle, f"{base}，{addition}")
    assert raised.priority.label == "P0"
    assert raised.cues, "the response must name the cue that raised the priority"
    assert not raised.priority.abstained


def test_threat_raises_ordinary_complaint_to_p1(bundle: ModelBundle) -> None:
    base = "衣服洗了一次就掉色"
    assert predict_one(bundle, base).priority.label == "P2"
    assert predict_one(bundle, base + "，不处理我就打12315投诉").priority.label == "P1"


@pytest.mark.parametrize(
    "text",
    [
        "测试",
        "收到",
        "人工",
        "好的，知道了",
        "在吗？[微笑]",
        "谢谢！",
        "这是一条测试消息，请忽略",  # was quality
        "测试一下这个邮箱能不能收到",  # was suggestion
    ],
)
def test_a_message_that_says_nothing_is_a_certain_non_complaint(
    bundle: ModelBundle, text: str
) -> None:
    prediction = predict_one(bundle, text)
    assert prediction.content_free and bundle.classifier.says_nothing(ComplaintText(text))
    assert (prediction.category.label, prediction.priority.label) == ("non_complaint", "P2")
    assert prediction.category.top_labels[0] == "non_complaint"
    assert len(set(prediction.category.top_labels)) == 3
    assert not prediction.abstained and prediction.category.confidence == 1.0
    assert prediction.explanation == []


@pytest.mark.parametrize(
    "text",
    [
        "上次反映的噪音问题物业已经处理好了，特地来说声谢谢。",  # was quality, P1
        "之前投诉的退款已经到账了，谢谢你们的帮助。",  # was after_sales, P1
        "您好，我之前反映的账号异常问题已经恢复正常了，谢谢！",  # was quality, P1
    ],
)
def test_a_follow_up_reporting_its_problem_solved_is_a_certain_non_complaint(
    bundle: ModelBundle, text: str
) -> None:
    prediction = predict_one(bundle, text)
    assert prediction.resolved_report and not prediction.content_free
    assert (prediction.category.label, prediction.priority.label) == ("non_complaint", "P2")
    assert not prediction.abstained


@pytest.mark.parametrize(
    "text",
    [
        "出售全新未拆封iPhone，价格美丽，有意者私信",  # was billing
        "高仿名牌包包一比一复刻，支持专柜验货，需要的私聊",  # was misleading
        "【惠享商城】双十一狂欢，全场低至1折，戳 t.cn/A6x9Kq 立即抢购，退订回T",  # after_sales
    ],
)
def test_an_advert_is_a_certain_non_complaint(bundle: ModelBundle, text: str) -> None:
    prediction = predict_one(bundle, text)
    assert prediction.advert and not prediction.content_free
    assert (prediction.category.label, prediction.priority.label) == ("non_complaint", "P2")
    assert not prediction.abstained


def test_a_complaint_quoting_spam_goes_to_the_model(bundle: ModelBundle) -> None:
    text = "每天都收到你们的短信：【惠享商城】全场低至1折，点击链接立即抢购，退订回T，烦死了"
    prediction = predict_one(bundle, text)
    assert not prediction.advert
    assert prediction.category.label == "security"


@pytest.mark.parametrize(
    "text",
    ["售后说洗衣机已经修好了，结果当天晚上又漏水了", "客服说退款已经处理好了，两周了也没到账"],
)
def test_a_follow_up_that_still_complains_goes_to_the_model(bundle: ModelBundle, text: str) -> None:
    prediction = predict_one(bundle, text)
    assert not prediction.resolved_report
    assert prediction.category.label != "non_complaint"


@pytest.mark.parametrize(
    "text",
    [
        "手机用了一年多了，电池依然很耐用，很满意。",  # was quality
        "新开的地铁线路很方便，上班时间缩短了一半。",  # was quality
        "健身房的教练很专业，动作一个个纠正，练了两个月效果明显。",  # was quality
        # thanks the body leaves out as the closing, read whole; was delivery
        "快递小哥冒雨送货，还帮我搬上五楼，太感谢了！",
    ],
)
def test_a_message_that_only_praises_is_no_complaint(bundle: ModelBundle, text: str) -> None:
    prediction = predict_one(bundle, text)
    assert prediction.category.label == "non_complaint"
    assert prediction.category.top_labels[0] == "non_complaint"
    assert prediction.category.confidence < 1.0  # the model's own confidence, not a rule's
    assert not prediction.content_free and not bundle.classifier.says_nothing(ComplaintText(text))


@pytest.mark.parametrize(
    "text",
    [
        "宽带包年和包月哪个更划算？",  # was billing
        "双十一的优惠券可以和店铺满减一起用吗？",  # was misleading
        "想问一下会员到期了怎么续费",  # was billing
    ],
)
def test_a_plain_question_is_no_complaint(bundle: ModelBundle, text: str) -> None:
    assert predict_one(bundle, text).category.label == "non_complaint"


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("请问我的快递什么时候到？已经一个星期了。", "delivery"),  # was non_complaint
        ("请问退款到底什么时候能到账？已经申请十天了。", "after_sales"),  # was non_complaint
    ],
)
def test_a_question_that_names_a_wait_is_a_complaint(
    bundle: ModelBundle, text: str, category: str
) -> None:
    prediction = predict_one(bundle, text)
    assert prediction.category.label == category
    assert prediction.category.top_labels[0] == category
    # the same question without the wait stays a question
    question = text.split("？")[0] + "？"
    assert predict_one(bundle, question).category.label == "non_complaint"


def test_a_message_without_grievance_is_least_urgent(bundle: ModelBundle) -> None:
    prediction = predict_one(bundle, "你们公司在上海有门店吗")
    assert prediction.category.label == "non_complaint"
    assert prediction.priority.label == "P2"
    assert prediction.priority_from_model != "P2"  # the model alone made it more urgent (P0)
    # praise the model alone put at P1 before it read word polarity; now it needs no rule
    praise = predict_one(bundle, "在你们店买的洗衣机安装师傅上门很准时，还给讲了使用方法，赞一个。")
    assert (praise.category.label, praise.priority.label) == ("non_complaint", "P2")


def test_praise_with_a_complaint_stays_a_complaint(bundle: ModelBundle) -> None:
    prediction = predict_one(bundle, "外观设计很漂亮，做工也精致，然而用了一个月屏幕就出现了亮斑")
    assert prediction.category.label == "quality"
    # thanks in the closing make no complaint praise
    assert predict_one(bundle, "快递三天了还没到，太感谢了！").category.label == "delivery"


def test_a_cue_is_content_even_in_a_message_of_digits(bundle: ModelBundle) -> None:
    prediction = predict_one(bundle, "12315")
    assert not prediction.content_free and prediction.priority.label == "P1"
    assert not bundle.classifier.says_nothing(ComplaintText("12315"))


def test_a_message_without_chinese_goes_to_a_person(bundle: ModelBundle) -> None:
    english = predict_one(bundle, "My parcel never arrived and nobody answers the phone")
    assert english.category.abstained and english.priority.abstained
    assert english.category.label and not english.content_free
    # Chinese with an English product name is read as usual
    mixed = predict_one(bundle, "iPhone 15 Pro 屏幕碎了，收到就是坏的")
    assert (mixed.category.label, mixed.category.abstained) == ("quality", False)


def test_prediction_carries_calibrated_top3_and_explanation(bundle: ModelBundle) -> None:
    prediction = predict_one(bundle, "外卖送餐员送错了地址，饭都凉了")
    top = prediction.category.top
    assert len(top) == 3 and top[0][0] == prediction.category.label
    assert 0 < sum(p for _, p in top) <= 1.0 + 1e-9
    assert top[0][1] >= top[1][1] >= top[2][1]
    assert prediction.explanation and all(weight > 0 for _, weight in prediction.explanation)
    record = prediction.to_record("v1")
    assert set(record) == {
        "category",
        "category_confidence",
        "category_top3",
        "priority",
        "priority_confidence",
        "abstained",
        "model_version",
    }


def test_the_most_urgent_priority_stands_only_on_a_cue() -> None:
    """The model alone may say P0 but a person confirms it; a P0 cue makes it stand."""
    cues = PriorityCues.from_yaml("cues:\n  - {id: fire, floor: P0, patterns: [着火]}")
    things = ["冰箱", "电视", "空调", "洗衣机", "热水器", "微波炉", "烤箱", "风扇", "电脑", "手机"]
    rows = [
        *((f"{thing}紧急情况，马上来人", "quality", "P0") for thing in things),
        *((f"{thing}坏了，请尽快修", "quality", "P1") for thing in things),
        *((f"{thing}外观有点划痕", "quality", "P2") for thing in things),
        *((f"{thing}送货太慢了", "delivery", "P2") for thing in things),
    ]
    classifier = ComplaintClassifier(cues=cues).fit(
        [ComplaintText(text) for text, _, _ in rows],
        [category for _, category, _ in rows],
        [priority for _, _, priority in rows],
    )
    by_model, by_cue = classifier.predict(
        [ComplaintText("音箱紧急情况，马上来人"), ComplaintText("音箱外观有点划痕，还着火了")]
    )
    assert (by_model.priority.label, by_model.priority.abstained) == ("P0", True)
    assert (by_cue.priority.label, by_cue.priority.abstained) == ("P0", False)


def test_a_message_that_is_no_complaint_is_never_urgent() -> None:
    """The guide grades every non-complaint P2. A cue that fires on one says otherwise: the
    category gives way, since the model misses a complaint more often than a cue misfires.
    Without a cue the priority gives way, also for a message that does not only praise."""
    cues = PriorityCues.from_yaml("cues:\n  - {id: fire, floor: P0, patterns: [着火]}")
    things = ["冰箱", "电视", "空调", "洗衣机", "热水器", "微波炉", "烤箱", "风扇", "电脑", "手机"]
    rows = [
        *((f"{thing}真不错，点赞", "non_complaint", "P2") for thing in things[:5]),
        *((f"{thing}真不错，点赞", "non_complaint", "P1") for thing in things[5:]),
        *((f"{thing}紧急情况，马上来人", "quality", "P0") for thing in things),
        *((f"{thing}坏了，请尽快修", "quality", "P1") for thing in things),
        *((f"{thing}送货太慢了", "delivery", "P2") for thing in things),
    ]
    config = ClassifierConfig(content_free_category="non_complaint")
    classifier = ComplaintClassifier(config, cues=cues).fit(
        [ComplaintText(text) for text, _, _ in rows],
        [category for _, category, _ in rows],
        [priority for _, _, priority in rows],
    )
    alone, with_cue = classifier.predict(
        [ComplaintText("音箱真不错，点赞，还要再买一台"), ComplaintText("音箱真不错，点赞，着火了")]
    )
    assert alone.category.label == "non_complaint" and alone.priority.label == "P2"
    assert with_cue.category.label != "non_complaint" and with_cue.priority.label == "P0"
    assert with_cue.category.label == with_cue.category.top_labels[0]


def test_a_claim_belied_comes_first_only_when_the_model_finds_it_plausible() -> None:
    """说是…结果… puts the taxonomy's category for claims first when the model has it among its
    top three at 0.2 or more; a claim the model sees no sign of stays where the model put it."""
    things = ["冰箱", "电视", "空调", "洗衣机", "热水器", "微波炉", "烤箱", "风扇", "电脑", "手机"]
    rows = [
        *((f"{thing}坏了，不制冷", "quality") for thing in things),
        *((f"{thing}是假货，虚假宣传", "misleading") for thing in things),
        *((f"{thing}送货太慢了", "delivery") for thing in things),
    ]
    texts = [ComplaintText(text) for text, _ in rows]
    labels = [category for _, category in rows]
    claim, no_sign = ComplaintText("店员说音箱是新的，结果坏了"), ComplaintText("音箱说坏就坏了")
    priorities = ["P1", "P2"] * (len(rows) // 2)
    plain = ComplaintClassifier(ClassifierConfig()).fit(texts, labels, priorities)
    with_rule = ComplaintClassifier(ClassifierConfig(belied_claim_category="misleading")).fit(
        texts, labels, priorities
    )
    before, _ = plain.predict([claim, no_sign])
    after, unmoved = with_rule.predict([claim, no_sign])
    assert before.category.label == "quality"
    assert "misleading" in before.category.top_labels
    assert after.category.label == "misleading"
    assert after.category.top_labels[0] == "misleading"
    # with the model's own confidence (the two fits differ in the last digits)
    assert after.category.confidence == pytest.approx(
        before.category.top_confidences[before.category.top_labels.index("misleading")], abs=1e-3
    )
    assert unmoved.category.label == "quality"


def test_thresholds_reach_target_precision_on_held_out_probabilities() -> None:
    classes = np.array(["a", "b"])
    confidence = np.linspace(0.5, 1.0, 100)
    probabilities = np.stack([confidence, 1 - confidence], axis=1)
    truth = np.where(confidence > 0.7, "a", "b")  # right only above 0.7
    threshold = thresholds_for_precision(probabilities, truth, classes, 0.9, 5)["a"]
    standing = confidence >= threshold
    assert (truth[standing] == "a").mean() >= 0.9
    assert 0.65 < threshold < 0.75
    # a class never predicted correctly always goes to review
    assert thresholds_for_precision(probabilities, np.full(100, "b"), classes, 0.9, 5)["a"] > 1


def test_large_data_calibrates_on_one_holdout(seed_rows) -> None:  # type: ignore[no-untyped-def]
    """Above `cross_validate_up_to` rows a head calibrates on one stratified hold-out."""
    config = ClassifierConfig(cross_validate_up_to=1000, holdout_fraction=0.25)
    classifier = ComplaintClassifier(config).fit(
        [r.as_complaint() for r in seed_rows],
        [r.category for r in seed_rows],
        [r.priority for r in seed_rows],
    )
    head = classifier.category_head_
    assert len(head.heldout_index_) == pytest.approx(0.25 * len(seed_rows), abs=1)
    assert len(set(head.heldout_index_.tolist())) == len(head.heldout_index_)
    assert head.heldout_probabilities_.shape == (len(head.heldout_index_), len(head.classes_))
    held_out = np.array([seed_rows[i].category for i in head.heldout_index_])
    predicted = head.classes_[head.heldout_probabilities_.argmax(axis=1)]
    assert (predicted == held_out).mean() > 0.6
    prediction = classifier.predict([ComplaintText("快递送了一个星期还没到")])[0]
    assert prediction.category.label == "delivery"


def test_classifying_pauses_the_cycle_collector_only_while_it_runs(bundle: ModelBundle) -> None:
    seen = []
    original = bundle.classifier._predict_batch

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(gc.isenabled())
        return original(*args, **kwargs)

    bundle.classifier._predict_batch = spy  # type: ignore[method-assign]
    try:
        bundle.classifier.predict([ComplaintText("快递没到")])
        assert seen == [False] and gc.isenabled()
        gc.disable()  # a caller that turned it off keeps it off
        bundle.classifier.predict([ComplaintText("快递没到")])
        assert not gc.isenabled()
    finally:
        gc.enable()
        del bundle.classifier._predict_batch
