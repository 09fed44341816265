"""Forwarded mail: the message inside, its writer and subject; replies are no forwards."""

import pytest

from pipeline.forwards import read_forward

GMAIL_ZH = """请处理一下这个客户的投诉，客户说要找媒体。

---------- 转发的邮件 ----------
发件人：李先生 <li@example.com>
日期：2026年11月20日 周五 9:12
主题：投诉：空调漏水
收件人：service@shop.example, desk@shop.example,
    manager@shop.example

上周买的空调装好第二天就开始漏水，地板都泡坏了。
发自我的iPhone"""

APPLE = """Begin forwarded message:

From: "赵敏" <Zhao.Min@example.com>
Subject: 手机坏了
Date: 2026-11-20
To: shop@example.com

手机开不了机。"""

PASTED = """发件人：王丽
发送时间：2026年11月20日 9:12
主题：投诉上门安装人员

安装师傅进门不换鞋套，装完就走，包装垃圾也不带走。"""

TWICE = """FYI

---------- Forwarded message ---------
From: 前台 <frontdesk@example.com>
Subject: Fwd: 退款

---------- Forwarded message ---------
From: 张三 <zhang@example.com>
Subject: 退款

退款一个月了还没到。"""

FOXMAIL_REPLY = """还是没人处理

------------------ 原始邮件 ------------------
发件人: "support"<support@example.com>;
主题: 投诉

> 您好，已收到。"""


def test_a_forward_with_a_note_gives_both_and_the_customer() -> None:
    forward = read_forward(GMAIL_ZH, "Fwd: 投诉：空调漏水")
    assert forward is not None
    assert forward.note == "请处理一下这个客户的投诉，客户说要找媒体。"
    assert forward.text == "上周买的空调装好第二天就开始漏水，地板都泡坏了。"
    assert (forward.sender_name, forward.sender_address) == ("李先生", "li@example.com")
    assert forward.subject == "投诉：空调漏水"


def test_apple_mail_forward() -> None:
    forward = read_forward(APPLE, "Fwd: 手机坏了")
    assert forward is not None and forward.text == "手机开不了机。" and not forward.note
    assert (forward.sender_name, forward.sender_address) == ("赵敏", "zhao.min@example.com")


def test_a_header_block_with_nothing_above_is_a_forward_whatever_the_subject() -> None:
    forward = read_forward(PASTED, "投诉上门安装人员")
    assert forward is not None and forward.text.startswith("安装师傅进门不换鞋套")
    assert (forward.sender_name, forward.sender_address) == ("王丽", None)


def test_a_forward_of_a_forward_gives_the_innermost_message() -> None:
    forward = read_forward(TWICE, "Fwd: Fwd: 退款")
    assert forward is not None and forward.note == "FYI"
    assert forward.text == "退款一个月了还没到。"
    assert forward.sender_address == "zhang@example.com" and forward.subject == "退款"


@pytest.mark.parametrize("subject", ["回复：投诉", "投诉"])
def test_a_reply_quoting_the_desk_is_no_forward(subject: str) -> None:
    assert read_forward(FOXMAIL_REPLY, subject) is None


def test_a_reply_that_adds_nothing_is_no_forward() -> None:
    assert read_forward(FOXMAIL_REPLY.split("\n", 2)[2], "回复：投诉") is None


def test_the_same_quote_is_a_forward_when_the_subject_says_so() -> None:
    forward = read_forward(FOXMAIL_REPLY, "转发：投诉")
    assert forward is not None and forward.note == "还是没人处理"
    assert forward.sender_address == "support@example.com"
