"""How much the labels move when a complaint arrives wrapped the way its channel wraps it.

Each labelled text of `data/tousu-zh` (the seed copy and the authored rows) is classified, by a
model trained on the other four fifths, as written and again inside a wrapping: a mail
salutation and closing, a reply over a quoted auto-reply, a Weibo post to the service account, a
WeChat greeting, a hotline's frame, a plea for an answer (also typed onto the last words without
a break, as chat is typed), a form's fields, a signature block (the shapes `models/boilerplate`,
`models/sender_lines`, `models/generic_requests` and `models/form_fields` take off), and
wrappings they were not written for.
Prints the share of texts whose category and priority stay the same, and the category accuracy
wrapped.
"""

import numpy as np
from common import REPOSITORY  # noqa: F401  (puts the repository on the path)
from sklearn.model_selection import StratifiedKFold

from models.features import ComplaintText
from tickets.paths import PathSettings
from tickets.taxonomy import load_taxonomy
from training.datasets import load_dataset
from training.train import ModelResources, build_classifier, config_for

KNOWN = {
    "mail salutation + closing": "尊敬的客服：\n{}\n盼复，谢谢。\n张先生",
    "reply over a quoted auto-reply": (
        "您好，\n\n{}\n\n谢谢！\n\n-----原始邮件-----\n发件人: service@example.com\n"
        "主题: 自动回复: 您的来信已收到"
    ),
    "Weibo post to the service account": "@客服官方微博 {} [怒] http://t.cn/A6 //@路人甲:转发微博",
    "WeChat greeting": "在吗？亲，{}",
    "a person asked of a chat robot": "转人工\n{}",
    "greeting the desk, thanks in advance": "你好客服，{}\n先谢谢了！",
    "thanks with a particle": "{}谢谢啦～",
    "[complaint] tag in front": "【投诉】{}",
    "[bad review] tag in front": "【差评】{}",
    "a shop's follow-up review": "追评：{}",
    "urgency claimed": "【紧急】{}",
    "told it is a complaint": "我要投诉！{}",
    "told it is a complaint, at the end": "{}我要投诉你们！",
    "a refund asked for": "{}，要求退款！",
    "topics filing it as a complaint": "#消费维权# {} #优品商城投诉#",
    "Xiaohongshu's warnings": "{}\n#避雷# #踩坑#",
    "leaders greeted, attention asked": "各位领导好！{}\n望贵公司重视。\n消费者：王某",
    "Dear Sir/Madam … Best": "Dear Sir/Madam,\n{}\nBest,\n李",
    "sent from my phone": "{}\n\n发自我的华为手机",
    "hotline record's frame": "诉求人反映：{}",
    "hotline record's fields": "工单编号：20261120001 来电时间：2026-11-20 09:12 诉求内容：{}",
    "Weibo emoticons": "[微笑]{}[泪][泪]",
    "plea for an answer, then haste": "{}，麻烦给个答复，在线等",
    # the company named is content the model reads: it moves some labels
    "platform's fields, company named": "[投诉对象]华讯移动 [投诉问题]{}",
    "contact line, call me back": "{}\n我的手机号是13812345678，麻烦联系我",
    "name and ID number": "{}\n客户姓名：张三 身份证号：110101199003071234",
    "crying and angry emoji": "😭😭{}😡😡",
    "a run of marks": "{}！！！！！！",
    "voice message transcribed": "喂你好，就是那个，{}，嗯，就这样",
    "mail app's sent-from line": "{}\n------\n此邮件由iPhone发送",
    "a chat pasted with the agent's turns": (
        "买家：{}\n客服：亲，非常抱歉给您带来不便，我们马上为您处理"
    ),
    "mail pasted whole, header first": (
        "发件人：王丽 <wangli@example.com>\n发送时间：2026年11月20日 9:12\n收件人：客服中心\n"
        "主题：投诉\n\n{}\n\n本邮件及其附件含有保密信息，禁止任何其他人以任何形式使用本邮件中的信息。"
    ),
    "reposted, source noted": "转：{}（来自小红书）",
    "evidence kept": "{}（有截图为证）",
    "facts vouched for": "{}\n以上情况属实，请核实。",
    "pictures uploaded": "{}（已上传图片3张）",
    "platform's status field": "【投诉进度】处理中\n{}",
    "complaint platform's record": (
        "投诉编号：17350012345\n投诉问题：{}\n投诉要求：退款\n涉诉金额：300元\n投诉进度：处理中"
    ),
    "app feedback's version line": "[App反馈] 版本 5.2.1 / Android 13\n{}",
    "a mail's signature block": "{}\n\n张伟\n运营总监\n华信贸易有限公司\n电话：010-88886666",
    "the customer's details under it": (
        "{}\n姓名：张三\n电话：13812345678\n地址：杭州市西湖区文三路100号"
    ),
    "a customer's name field closing it": "{}\n客户：钱先生",
    "introduced by name": "您好，我是李秀英，{}",
    "order number in brackets": "【订单号：77889900】{}",
    "order number in front": "订单2024112200123，{}",
    "asked to hurry, then thanks": "{}麻烦尽快处理一下，谢谢！",
    "shouting for haste": "{}急急急！！！在线等",
    "a Weibo comment answering another": "回复@客服小美:{}",
    "a Weibo page's stand-ins": "{}...全文 网页链接",
    "HTML left by a web form": "{}<br/>&nbsp;<br>",
    "a link with its label": "{} 链接：https://item.example.com/123456?spm=a1z09",
    "ticket number in brackets after": "{}（工单号：GD20261120001）",
    "a complaint platform's thread": "客服回复：您好，已为您反馈。\n用户追问：{}",
    "quotes around the whole text": "“{}”",
    "a list's points numbered": "1. {}\n2. 希望尽快处理",
    "a platform's record, labels in brackets": (
        "[投诉编号] 17350012345\n[投诉问题] {}\n[投诉要求] 退款\n"
        "[涉诉金额] 300元\n[投诉进度] 处理中"
    ),
    "forwarded by the desk": "转发：\n{}\n——以上是客户原话，请相关部门处理。",
    "an agent's note under it": "{}\n【客服备注】已安抚客户，转二线处理",
    "a chat tool's export, the customer's side": "2026-11-20 10:15:32 买家:\n{}",
    "a chat tool's export, both sides": (
        "买家 2026-11-20 10:15:32\n{}\n客服小美 2026-11-20 10:16:01\n亲，非常抱歉，马上为您处理"
    ),
    "a hotline's bracketed fields": (
        "【来电人】张先生【联系电话】13812345678【诉求类型】投诉【诉求内容】{}"
    ),
}
# typed onto the complaint's last words, as chat is typed: its final mark is dropped first
RUN_ON = {
    "a plea typed on without a break": "{}麻烦尽快处理一下",
    "haste shouted on": "{}急急急",
    "a hope typed on": "{}希望尽快解决",
}
FINAL_MARKS = "。！!？?.，,~～ "
UNKNOWN = {
    "asked for an answer": "亲，{}，能给个说法吗？",
    "web form with field labels": "投诉标题：订单问题\n投诉内容：{}\n期望结果：尽快处理",
    "phone summary": "客户来电反映：{}。客户要求尽快回复。",
    # the topic's marks come off; the company's name is content
    "company's topic": "{} #优品商城#",
    # a name alone on the first line may as well be a title (高压锅), so it stays
    "a name on the first line": "张三\n{}",
    # strong feeling, which the guide counts for P1 when very strong
    "a strong complaint at the end": "{}，强烈投诉！",
    # an app store's rating says how bad, which is the customer's word too
    "app store stars": "评分：★☆☆☆☆\n{}",
}


def main() -> None:
    paths = PathSettings()
    taxonomy = load_taxonomy(paths.taxonomy_file)
    rows = load_dataset(paths.seed_data, taxonomy)
    truth = np.array([row.category for row in rows])
    wrappings = {**KNOWN, **RUN_ON, **UNKNOWN}
    plain = np.empty((len(rows), 2), dtype=object)
    wrapped = {name: np.empty((len(rows), 2), dtype=object) for name in wrappings}
    folds = StratifiedKFold(5, shuffle=True, random_state=0).split(truth, truth)
    for train, test in folds:
        model = build_classifier(config_for(taxonomy), ModelResources.shipped(paths)).fit(
            [rows[i].as_complaint() for i in train],
            truth[train].tolist(),
            [rows[i].priority for i in train],
        )
        for name, wrapping in [("", "{}"), *wrappings.items()]:
            texts = [rows[i].text for i in test]
            if name in RUN_ON:
                texts = [text.rstrip(FINAL_MARKS) for text in texts]
            complaints = [ComplaintText(wrapping.format(text)) for text in texts]
            labels = [(p.category.label, p.priority.label) for p in model.predict(complaints)]
            (wrapped[name] if name else plain)[test] = labels
    print(f"{len(rows)} labelled texts, 5 folds: share of labels unchanged by the wrapping")
    print(f"{'wrapping':<36} {'category':>9} {'priority':>9} {'accuracy':>9}")
    print(f"{'(none)':<36} {'':>9} {'':>9} {np.mean(plain[:, 0] == truth):>9.3f}")
    taken_off = {**KNOWN, **RUN_ON}
    for title, names in (("taken off", taken_off), ("not, or not all, taken off", UNKNOWN)):
        print(f"-- {title}")
        for name in names:
            same = (wrapped[name] == plain).mean(axis=0)
            accuracy = np.mean(wrapped[name][:, 0] == truth)
            print(f"{name:<36} {same[0]:>9.3f} {same[1]:>9.3f} {accuracy:>9.3f}")


if __name__ == "__main__":
    main()
