"""Reading messy e-mail: charsets, HTML, quoted replies, attachments, missing headers."""

from email.mime.message import MIMEMessage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

from pipeline.mail import decode_bytes, html_to_text, parse_mail
from tests.pipeline import messy_mail


def test_gbk_subject_and_body() -> None:
    mail = parse_mail(messy_mail.gbk_subject())
    assert mail.subject == "投诉：快递延误" and mail.text.startswith("快递一个星期还没到")
    assert (mail.from_name, mail.from_address) == ("张伟", "zhang.wei@example.com")
    assert mail.message_id == "<messy-1@mail.example.com>"


def test_big5_body() -> None:
    mail = parse_mail(messy_mail.big5_body())
    assert "熱水器漏水" in mail.text and mail.subject == "熱水器漏水"


def test_wrong_declared_charset_is_detected_not_mojibake() -> None:
    mail = parse_mail(messy_mail.wrong_charset())
    assert mail.text == "客服态度很差，电话打了五次都没人处理我的退款。"
    assert mail.charset_corrected


def test_declared_gb2312_that_is_really_big5() -> None:
    text = "您好，我在貴店購買的熱水器漏水，要求退款，請儘快處理。"
    decoded, corrected = decode_bytes(text.encode("big5"), "gb2312")
    assert decoded == text and corrected


def test_html_only_mail_becomes_text() -> None:
    mail = parse_mail(messy_mail.html_only())
    assert "屏幕有裂痕" in mail.text and "换货" in mail.text
    assert "alert" not in mail.text and "color" not in mail.text and "<" not in mail.text
    assert html_to_text("<p>a&amp;b</p>") == "a&b"


def test_outlook_and_foxmail_replies_keep_only_the_new_text() -> None:
    assert parse_mail(messy_mail.outlook_reply()).text == "我又等了三天，还是没有人联系我。"
    foxmail = parse_mail(messy_mail.foxmail_reply())
    assert foxmail.text == "退款什么时候到账？"
    assert foxmail.in_reply_to == ["<messy-1@mail.example.com>"]


def test_forwarded_mail_is_the_customer_message_under_the_forwarder_note() -> None:
    mail = parse_mail(messy_mail.forwarded())
    assert mail.text == "帮我看看这个客户的问题\n\n洗衣机转不动了，已经报修两次。"
    assert (mail.from_name, mail.from_address) == ("客户", "kehu@example.com")


def test_outlook_forward_names_the_customer_and_the_customer_subject() -> None:
    mail = parse_mail(messy_mail.outlook_forward())
    assert mail.text == "上周买的空调装好第二天就开始漏水，地板都泡坏了，要求上门处理。\n\n李先生"
    assert (mail.from_name, mail.from_address) == ("李先生", "li.xiansheng@example.com")
    assert mail.subject == "空调漏水"


def test_a_mail_forwarded_as_attachment_is_the_customer_mail() -> None:
    mail = parse_mail(messy_mail.forwarded_as_attachment())
    assert (
        mail.text
        == "请处理附件里这位客户的投诉。\n\n热水器装好三天就不出热水了，师傅一直不来。\n\n王女士"
    )
    assert (mail.from_name, mail.from_address) == ("王女士", "wang.ns@example.com")
    assert mail.subject == "热水器不出热水"
    assert [a.name for a in mail.attachments] == ["photo.png"]  # the customer's photo


def test_several_mails_attached_whole_are_all_read_under_the_sender() -> None:
    message = MIMEMultipart()
    message["Subject"], message["From"] = "两位客户的投诉", "前台 <frontdesk@example.com>"
    message.attach(MIMEText("这两封请一起看。", "plain", "utf-8"))
    for sender, complaint in (("a@example.com", "冰箱不制冷"), ("b@example.com", "快递三天没到")):
        customer = MIMEText(complaint, "plain", "utf-8")
        customer["From"] = sender
        message.attach(MIMEMessage(customer))
    mail = parse_mail(message.as_bytes())
    assert mail.text == "这两封请一起看。\n\n冰箱不制冷\n\n快递三天没到"
    assert mail.from_address == "frontdesk@example.com"


def test_a_forward_that_names_no_address_keeps_the_sender() -> None:
    body = MIMEText("发件人：王丽\n主题：安装\n\n安装师傅进门不换鞋套。", "plain", "utf-8")
    body["Subject"], body["From"] = "Fwd: 安装", "wangli@example.com"
    mail = parse_mail(body.as_bytes())
    assert mail.text == "安装师傅进门不换鞋套。" and mail.subject == "安装"
    assert mail.from_address == "wangli@example.com"


def test_winmail_dat_is_listed_as_an_attachment() -> None:
    mail = parse_mail(messy_mail.winmail_dat())
    assert "不制冷" in mail.text
    assert [(a.name, a.content_type) for a in mail.attachments] == [
        ("winmail.dat", "application/ms-tnef")
    ]
    assert mail.attachments[0].size == 204


def test_mail_without_sender() -> None:
    mail = parse_mail(messy_mail.no_sender())
    assert mail.from_address is None and "充电器" in mail.text
