"""Real-world shaped e-mails as bytes: the charsets, clients and oddities a complaint desk
gets. Built here rather than stored, so every case says what makes it messy."""

import base64
from email.header import Header
from email.mime.application import MIMEApplication
from email.mime.message import MIMEMessage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText


def _headers(message: object, subject: str | Header, sender: str | None, number: int) -> None:
    message["Subject"] = subject  # type: ignore[index]
    if sender:
        message["From"] = sender  # type: ignore[index]
    message["To"] = "support@example.com"  # type: ignore[index]
    message["Message-ID"] = f"<messy-{number}@mail.example.com>"  # type: ignore[index]


def gbk_subject() -> bytes:
    body = MIMEText("快递一个星期还没到，物流信息也不更新。", "plain", "gbk")
    _headers(body, Header("投诉：快递延误", "gbk"), "张伟 <zhang.wei@example.com>", 1)
    return body.as_bytes()


def big5_body() -> bytes:
    body = MIMEText("您好，我在貴店購買的熱水器漏水，要求退款，請儘快處理。", "plain", "big5")
    _headers(body, Header("熱水器漏水", "big5"), "陳小姐 <chen@example.com.tw>", 2)
    return body.as_bytes()


def wrong_charset() -> bytes:
    """Declared ISO-8859-1, written in GBK: read naively it is mojibake."""
    text = "客服态度很差，电话打了五次都没人处理我的退款。".encode("gbk")
    return (
        b"From: li@example.com\r\nTo: support@example.com\r\nSubject: complaint\r\n"
        b"Message-ID: <messy-3@mail.example.com>\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: text/plain; charset="iso-8859-1"\r\n'
        b"Content-Transfer-Encoding: base64\r\n\r\n" + base64.encodebytes(text)
    )


def html_only() -> bytes:
    markup = (
        "<html><head><style>p{color:red}</style></head><body><p>收到的手机&nbsp;屏幕有裂痕，"
        "</p><div>要求<b>换货</b>。</div><script>alert(1)</script></body></html>"
    )
    body = MIMEText(markup, "html", "utf-8")
    _headers(body, "手机屏幕裂了", "wang@example.com", 4)
    return body.as_bytes()


def outlook_reply(ticket_number: str = "TS-20261127-000001") -> bytes:
    text = (
        "我又等了三天，还是没有人联系我。\r\n\r\n"
        "-----Original Message-----\r\nFrom: support@example.com\r\n"
        "Subject: 您的投诉已受理\r\n\r\n您好，我们已收到您的投诉。"
    )
    body = MIMEText(text, "plain", "utf-8")
    _headers(body, f"RE: [{ticket_number}] 您的投诉已受理", "张伟 <zhang.wei@example.com>", 5)
    return body.as_bytes()


def foxmail_reply() -> bytes:
    text = (
        "退款什么时候到账？\r\n\r\n------------------ 原始邮件 ------------------\r\n"
        '发件人: "support"<support@example.com>;\r\n发送时间: 2026年11月20日\r\n'
        "主题: 回复：投诉\r\n\r\n> 您好，退款将在三个工作日内到账。"
    )
    body = MIMEText(text, "plain", "gb18030")
    _headers(body, Header("回复：投诉", "gb18030"), "赵六 <zhao@example.com>", 6)
    body["In-Reply-To"] = "<messy-1@mail.example.com>"
    return body.as_bytes()


def forwarded() -> bytes:
    text = (
        "帮我看看这个客户的问题\r\n\r\n---------- Forwarded message ---------\r\n"
        "From: 客户 <kehu@example.com>\r\n洗衣机转不动了，已经报修两次。"
    )
    body = MIMEText(text, "plain", "utf-8")
    _headers(body, "Fwd: 洗衣机故障", "colleague@example.com", 7)
    return body.as_bytes()


def outlook_forward() -> bytes:
    """Outlook's FW: a rule of underscores, then the forwarded header block in Chinese."""
    text = (
        "________________________________\r\n"
        "发件人: 李先生 <li.xiansheng@example.com>\r\n发送时间: 2026年11月20日 9:12\r\n"
        "收件人: service@example.com\r\n主题: 空调漏水\r\n\r\n"
        "上周买的空调装好第二天就开始漏水，地板都泡坏了，要求上门处理。\r\n\r\n"
        "李先生\r\n发自我的iPhone"
    )
    body = MIMEText(text, "plain", "gb18030")
    _headers(body, Header("FW: 空调漏水", "gb18030"), "前台 <frontdesk@example.com>", 11)
    return body.as_bytes()


def forwarded_as_attachment() -> bytes:
    """Outlook's and Gmail's "forward as attachment": a note, and the customer's mail attached
    whole (message/rfc822) with its own photo and a GBK body."""
    customer = MIMEMultipart()
    _headers(customer, Header("热水器不出热水", "gbk"), "王女士 <wang.ns@example.com>", 12)
    customer.attach(
        MIMEText("热水器装好三天就不出热水了，师傅一直不来。\n\n王女士", "plain", "gbk")
    )
    photo = MIMEApplication(b"\x89PNG\r\n" + b"\x00" * 40, "png")
    photo.add_header("Content-Disposition", "attachment", filename="photo.png")
    customer.attach(photo)
    message = MIMEMultipart()
    _headers(message, "FW: 热水器不出热水", "前台 <frontdesk@example.com>", 13)
    message.attach(MIMEText("请处理附件里这位客户的投诉。", "plain", "utf-8"))
    message.attach(MIMEMessage(customer))
    return message.as_bytes()


def winmail_dat() -> bytes:
    message = MIMEMultipart()
    _headers(message, "冰箱不制冷", "outlook.user@example.com", 8)
    message.attach(MIMEText("冰箱买来一周就不制冷了，要求上门维修。", "plain", "utf-8"))
    tnef = MIMEApplication(b"\x78\x9f\x3e\x22" + b"\x00" * 200, "ms-tnef")
    tnef.add_header("Content-Disposition", "attachment", filename="winmail.dat")
    message.attach(tnef)
    return message.as_bytes()


def huge(size: int = 30 * 1024 * 1024) -> bytes:
    message = MIMEMultipart()
    _headers(message, "视频证据", "video@example.com", 9)
    message.attach(MIMEText("视频在附件里。", "plain", "utf-8"))
    attachment = MIMEApplication(b"\x00" * (size * 3 // 4), "octet-stream")
    attachment.add_header("Content-Disposition", "attachment", filename="evidence.mp4")
    message.attach(attachment)
    return message.as_bytes()


def no_sender() -> bytes:
    body = MIMEText("没有发件人的投诉：充电器用了两天就坏了。", "plain", "utf-8")
    _headers(body, "充电器坏了", None, 10)
    return body.as_bytes()


def plain(number: int, text: str, sender: str = "customer@example.com") -> bytes:
    body = MIMEText(text, "plain", "utf-8")
    _headers(body, f"投诉 {number}", sender, 1000 + number)
    return body.as_bytes()
