"""The tickets as a spreadsheet, for a desk that reports in Excel.

One row per ticket of the queue's filters, newest first, in Chinese: labels and statuses by
their names, times on the desk's clock (`sla.desk_zone`, Beijing by default). Written as UTF-8
with a byte-order mark, without which Excel reads the Chinese as GBK and shows it garbled. ID
and card numbers are masked in the stored text already; phones and e-mail addresses are the
contact fields the desk works with.
"""

import csv
import io
from collections.abc import Iterator
from datetime import datetime

from sqlalchemy import select

from tickets import lifecycle, store
from tickets.db import Database
from tickets.sla import desk_time
from tickets.tables import Agent, Ticket
from tickets.taxonomy import Taxonomy

BATCH = 500
BYTE_ORDER_MARK = "\ufeff"
STATUS_NAMES = {
    lifecycle.NEW: "新建",
    lifecycle.TRIAGED: "已分类",
    lifecycle.ASSIGNED: "已分派",
    lifecycle.IN_PROGRESS: "处理中",
    lifecycle.AWAITING_CUSTOMER: "等待客户回复",
    lifecycle.RESOLVED: "已解决",
    lifecycle.CLOSED: "已关闭",
    lifecycle.REOPENED: "重新打开",
    lifecycle.NEEDS_REVIEW: "待人工审核",
}
CHANNEL_NAMES = {
    "email": "邮件",
    "wechat": "微信",
    "weibo": "微博",
    "web_form": "网页表单",
    "phone": "电话",
    "store": "门店",
    "marketplace": "电商平台",
}
HEADER = (
    "工单号", "接收时间", "渠道", "客户", "联系电话", "邮箱", "订单号", "产品", "金额",
    "分类", "模型建议分类", "优先级", "部门", "状态", "处理人", "首次响应期限", "解决期限",
    "是否超期", "满意度", "问题描述",
)  # fmt: skip


def _time(moment: datetime | None) -> str:
    return f"{desk_time(moment):%Y-%m-%d %H:%M}" if moment else ""


def ticket_rows(
    db: Database, wanted: store.TicketFilter, taxonomy: Taxonomy, now: datetime
) -> Iterator[list[str]]:
    """The header, then one row per ticket, read from the store in batches."""
    categories = {c.code: c.name for c in taxonomy.categories}
    priorities = {p.code: f"{p.code} {p.name}" for p in taxonomy.priorities}
    yield list(HEADER)
    with db.session() as session:
        agents = {id_: name for id_, name in session.execute(select(Agent.id, Agent.name))}
        query = store.filtered(select(Ticket, store.overdue(now)), wanted, now).order_by(
            Ticket.received_at.desc(), Ticket.id.desc()
        )
        for ticket, overdue in session.execute(query.execution_options(yield_per=BATCH)).tuples():
            priority = ticket.priority or ticket.suggested_priority or ""
            yield [
                ticket.number or "",
                _time(ticket.received_at),
                CHANNEL_NAMES.get(ticket.channel, ticket.channel),
                ticket.customer_name or "",
                ticket.customer_phone or "",
                ticket.customer_email or "",
                ticket.order_no or "",
                ticket.product or "",
                "" if ticket.amount is None else f"{ticket.amount:g}",
                categories.get(ticket.category or "", ""),
                categories.get(ticket.suggested_category or "", ""),
                priorities.get(priority, priority),
                ticket.department or "",
                STATUS_NAMES.get(ticket.status, ticket.status),
                agents.get(ticket.assignee_id or 0, ""),
                _time(ticket.first_response_due),
                _time(ticket.resolution_due),
                "是" if overdue else "",
                "" if ticket.satisfaction_score is None else str(ticket.satisfaction_score),
                ticket.text,
            ]


def csv_chunks(rows: Iterator[list[str]]) -> Iterator[str]:
    """The rows as CSV text for Excel, a batch of rows per chunk (for streaming)."""
    buffer = io.StringIO()
    buffer.write(BYTE_ORDER_MARK)
    writer = csv.writer(buffer)
    for number, row in enumerate(rows, start=1):
        writer.writerow(row)
        if number % BATCH == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()
