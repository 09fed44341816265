"""Delivering queued notifications by e-mail (`tousu notify`, and the `notifications` flow
every minute).

A notification is marked sent only after the server took the message; one that cannot go
(the server down or refusing it) stays queued with the reason and is tried again on the next
run, so none is lost and none is sent twice. Without TOUSU_SMTP_HOST nothing is sent and the
queue is what GET /v1/notifications shows.
"""

import smtplib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import formataddr

from pipeline.smtp import SmtpSettings, smtp_connection
from tickets import notifications
from tickets.db import Database
from tickets.notifications import Outgoing
from tickets.sla import desk_time

EXCERPT = 300


@dataclass
class DeliveryReport:
    sent: list[int] = field(default_factory=list)
    waiting: dict[int, str] = field(default_factory=dict)  # id -> why it is still queued


def compose(outgoing: Outgoing, addresses: list[str], settings: SmtpSettings) -> EmailMessage:
    due = outgoing.first_response_due
    deadline = f"{desk_time(due):%Y-%m-%d %H:%M}" if due else "无"
    message = EmailMessage()
    message["Subject"] = (
        f"[{outgoing.number}] {outgoing.priority or ''} 投诉工单通知：{outgoing.reason}"[:200]
    )
    message["From"] = formataddr((settings.sender_name, settings.sender))
    message["To"] = ", ".join(addresses)
    message.set_content(
        f"{outgoing.recipient}：\n\n"
        f"工单 {outgoing.number} 需要您关注（{outgoing.reason}）。\n"
        f"优先级：{outgoing.priority or '待定'}  类别：{outgoing.category or '待定'}  "
        f"部门：{outgoing.department or '待定'}\n"
        f"首次响应期限：{deadline}\n\n"
        f"投诉内容（已脱敏）：\n{outgoing.text[:EXCERPT]}\n"
    )
    return message


def deliver(db: Database, contacts: dict[str, list[str]], settings: SmtpSettings) -> DeliveryReport:
    """Send the queued notifications of every role that has addresses. Those of a role without
    one stay queued (GET /v1/notifications lists them) until contacts.yaml names it."""
    report = DeliveryReport()
    if not settings.host:
        return report
    waiting = notifications.pending(db, [role for role, addresses in contacts.items() if addresses])
    if not waiting:
        return report
    try:
        with smtp_connection(settings) as smtp:
            for outgoing in waiting:
                addresses = contacts[outgoing.recipient]
                try:
                    smtp.send_message(compose(outgoing, addresses, settings))
                except smtplib.SMTPException as error:  # this message refused: the rest go on
                    _keep(db, report, outgoing.id, f"the mail server refused it: {error}")
                    continue
                notifications.mark_sent(db, outgoing.id, addresses, datetime.now(UTC))
                report.sent.append(outgoing.id)
    except (OSError, smtplib.SMTPException) as error:  # the server is down: all wait
        for outgoing in waiting:
            if outgoing.id not in report.sent and outgoing.id not in report.waiting:
                _keep(db, report, outgoing.id, f"the mail server is unreachable: {error}")
    return report


def _keep(db: Database, report: DeliveryReport, notification_id: int, why: str) -> None:
    notifications.mark_failed(db, notification_id, why)
    report.waiting[notification_id] = why
