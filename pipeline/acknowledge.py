"""The acknowledgement e-mail: the ticket number and the response deadline, in Chinese,
sent once per ticket through SMTP, and kept on the ticket as an outbound message (so a reply
to it joins the ticket)."""

from email.message import EmailMessage
from email.utils import formataddr, make_msgid

from pipeline.smtp import SmtpSettings, smtp_connection
from tickets.db import Database
from tickets.sla import desk_time
from tickets.tables import Ticket
from tickets.threads import add_outbound, has_outbound

TEMPLATE = """{name}您好：

我们已收到您的来信，并登记为投诉工单 {number}。
我们会在 {deadline} 前答复您；回复本邮件即可补充情况，请保留邮件标题中的工单号。

{signature}
"""


def compose(ticket: Ticket, settings: SmtpSettings) -> EmailMessage:
    due = ticket.first_response_due
    deadline = f"{desk_time(due):%Y年%m月%d日 %H:%M}" if due else "尽快"
    message = EmailMessage()
    message["Subject"] = f"[{ticket.number}] 您的投诉已受理"
    message["From"] = formataddr((settings.sender_name, settings.sender))
    message["To"] = formataddr((ticket.customer_name or "", ticket.customer_email or ""))
    message["Message-ID"] = make_msgid(domain=settings.sender.rpartition("@")[2] or None)
    message.set_content(
        TEMPLATE.format(
            name=ticket.customer_name or "",
            number=ticket.number,
            deadline=deadline,
            signature=settings.sender_name,
        )
    )
    return message


def acknowledge(ticket: Ticket, db: Database, settings: SmtpSettings) -> bool:
    """Send the acknowledgement unless SMTP is not set up, there is no address, or it was sent
    before; True if sent."""
    if not (settings.host and ticket.customer_email) or has_outbound(db, ticket.id):
        return False
    message = compose(ticket, settings)
    with smtp_connection(settings) as smtp:
        smtp.send_message(message)
    add_outbound(db, ticket.id, f"email:{message['Message-ID']}", "email", message.get_content())
    return True
