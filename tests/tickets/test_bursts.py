"""A complaint typed in several chat messages: which message still belongs to the ticket."""

from datetime import timedelta

from models.bundle import ModelBundle
from tests.tickets.test_store import CONFIDENT, UNSURE, new
from tickets import bursts, creation, store
from tickets.db import Database
from tickets.tables import Message, Ticket


def test_a_message_within_minutes_of_the_last_one_still_belongs(
    database: Database, intake: creation.Intake
) -> None:
    ticket, _ = creation.create_ticket(database, new(channel="wechat"), CONFIDENT, intake, "a")
    received = ticket.received_at
    assert bursts.still_telling(database, ticket, received + timedelta(minutes=9))
    assert not bursts.still_telling(database, ticket, received + timedelta(minutes=11))


def test_once_the_desk_has_answered_a_message_is_a_new_complaint(
    database: Database, intake: creation.Intake
) -> None:
    ticket, _ = creation.create_ticket(database, new(channel="wechat"), CONFIDENT, intake, "a")
    with database.session() as session, session.begin():
        session.add(
            Message(
                ticket_id=ticket.id,
                external_key="reply-1",
                direction="outbound",
                channel="wechat",
                author="agent:li",
                text="您好，请提供订单号",
                created_at=ticket.received_at,
            )
        )
    assert not bursts.still_telling(database, ticket, ticket.received_at + timedelta(minutes=1))


def test_the_next_part_extends_the_text_and_keeps_an_agents_label(
    database: Database, intake: creation.Intake
) -> None:
    ticket, _ = creation.create_ticket(database, new("我要投诉", "wechat"), UNSURE, intake, "a")
    ticket = store.correct_labels(database, ticket.number, "agent:li", "billing", None, intake)

    part = "快递一周没到，订单号2024112200456"
    extended = bursts.extend(
        database, ticket.number, ticket.version, "m-2", "wechat:o1", part, CONFIDENT, intake
    )

    assert extended.text == f"我要投诉\n{part}" and extended.order_no == "2024112200456"
    assert (extended.category, extended.category_source) == ("billing", "agent")
    assert extended.suggested_category == "delivery"
    assert (extended.priority, extended.priority_source) == ("P2", "auto")
    assert [m.external_key for m in extended.messages][-1] == "m-2"


def test_a_message_that_only_chases_joins_the_open_ticket_at_any_time(
    database: Database, bundle: ModelBundle, intake: creation.Intake
) -> None:
    complaint = new("快递一周没到", "wechat", customer=store.Customer(account="wechat:o_chaser"))
    ticket, _ = creation.create_ticket(database, complaint, CONFIDENT, intake, "a")

    def past_the_burst(_: Ticket) -> bool:
        return False

    def add(key: str, text: str) -> str | None:
        return bursts.add_to_open_ticket(
            database, bundle, intake, "wechat", "wechat:o_chaser", key, text, past_the_burst
        )

    assert add("chase-1", "我的投诉怎么还没人处理？") == ticket.number
    assert add("new-1", "另外，上次买的耳机也坏了") is None  # a complaint of its own
    joined = store.get_ticket(database, ticket.number or "")
    assert joined.text == "快递一周没到"  # the chase adds no words to classify
    assert [m.text for m in joined.messages] == ["快递一周没到", "我的投诉怎么还没人处理？"]
    assert joined.category == "delivery" and joined.status == ticket.status
