"""The ticket store on SQLite and PostgreSQL: idempotency, lifecycle, versions, corrections,
assignment and masking."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import select, text

from tickets import creation, lifecycle, store
from tickets.db import Database
from tickets.errors import TousuError
from tickets.intake_policy import AUTO, REVIEW, SUGGESTED, HeadDecision, Suggestion
from tickets.tables import AuditEvent, Correction, Message, Ticket

CONFIDENT = Suggestion(HeadDecision("delivery", 0.95, AUTO), HeadDecision("P2", 0.9, AUTO), "m1")
UNSURE = Suggestion(HeadDecision("quality", 0.3, REVIEW), HeadDecision("P2", 0.6, SUGGESTED), "m1")


def new(text: str = "快递一周还没到", channel: str = "email", **fields: object) -> store.NewTicket:
    return store.NewTicket(channel=channel, text=text, **fields)  # type: ignore[arg-type]


def count(database: Database, table: type) -> int:
    with database.session() as session:
        return len(session.scalars(select(table)).all())


def test_create_routes_sets_deadlines_and_numbers(
    database: Database, intake: creation.Intake
) -> None:
    ticket, created = creation.create_ticket(database, new(), CONFIDENT, intake, "intake:test")
    assert created
    assert ticket.number.startswith("TS-") and ticket.number.endswith(f"{ticket.id:06d}")
    assert ticket.department == "物流部" and ticket.status == lifecycle.TRIAGED
    assert (ticket.category, ticket.category_source) == ("delivery", AUTO)
    assert ticket.first_response_due > ticket.received_at
    assert ticket.resolution_due > ticket.first_response_due
    assert [m.text for m in ticket.messages] == ["快递一周还没到"]
    assert count(database, AuditEvent) == 1


def test_unsure_suggestion_goes_to_review_and_keeps_suggestion_apart(
    database: Database, intake: creation.Intake
) -> None:
    ticket, _ = creation.create_ticket(database, new("东西不太好"), UNSURE, intake, "intake:test")
    assert ticket.status == lifecycle.NEEDS_REVIEW
    assert ticket.category is None and ticket.suggested_category == "quality"
    assert ticket.priority is None and ticket.suggested_priority == "P2"


def test_same_key_returns_the_same_ticket(database: Database, intake: creation.Intake) -> None:
    first, created = creation.create_ticket(
        database, new(idempotency_key="k-1"), CONFIDENT, intake, "a"
    )
    again, created_again = creation.create_ticket(
        database, new(idempotency_key="k-1"), CONFIDENT, intake, "a"
    )
    assert created and not created_again and again.number == first.number
    assert count(database, Ticket) == 1


def test_concurrent_creates_with_one_key_make_one_ticket(
    database: Database, intake: creation.Intake
) -> None:
    def create(_: int) -> str:
        ticket, _created = creation.create_ticket(
            database, new(idempotency_key="race"), CONFIDENT, intake, "a"
        )
        return ticket.number

    with ThreadPoolExecutor(8) as pool:
        numbers = set(pool.map(create, range(16)))
    assert len(numbers) == 1
    assert count(database, Ticket) == 1 and count(database, Message) == 1


def test_id_and_card_numbers_never_reach_the_database(
    database: Database, intake: creation.Intake
) -> None:
    text_with_numbers = "我的身份证11010519491231002X，银行卡4111 1111 1111 1111被盗刷"
    ticket, _ = creation.create_ticket(database, new(text_with_numbers), CONFIDENT, intake, "a")
    with database.engine.connect() as connection:
        dumped = " ".join(
            str(row)
            for table in ("ticket", "message", "audit_event")
            for row in connection.execute(text(f"SELECT * FROM {table}"))
        )
    assert "11010519491231002X" not in dumped and "4111 1111 1111 1111" not in dumped
    assert "[身份证]" in ticket.text and "[银行卡]" in ticket.text


def test_illegal_transition_lists_the_allowed_ones(
    database: Database, intake: creation.Intake
) -> None:
    ticket, _ = creation.create_ticket(database, new(), CONFIDENT, intake, "a")
    with pytest.raises(TousuError) as refused:
        store.change_status(database, ticket.number, lifecycle.CLOSED, "agent:li")
    assert refused.value.code == "status-transition"
    assert "assigned" in refused.value.fix


def test_close_needs_confirmation_or_silence(database: Database, intake: creation.Intake) -> None:
    ticket, _ = creation.create_ticket(database, new(), CONFIDENT, intake, "a")
    for status in (lifecycle.ASSIGNED, lifecycle.IN_PROGRESS, lifecycle.RESOLVED):
        ticket = store.change_status(database, ticket.number, status, "agent:li")
    with pytest.raises(TousuError) as refused:
        store.change_status(database, ticket.number, lifecycle.CLOSED, "agent:li")
    assert refused.value.code == "close-too-early"
    store.satisfaction(database, ticket.number, 5, "很满意", True, "agent:li")
    closed = store.change_status(database, ticket.number, lifecycle.CLOSED, "agent:li")
    assert closed.status == lifecycle.CLOSED and closed.satisfaction_score == 5
    silent = store.change_status(database, closed.number, lifecycle.REOPENED, "agent:li")
    silent = store.change_status(database, silent.number, lifecycle.RESOLVED, "agent:li")
    assert (
        store.change_status(
            database, silent.number, lifecycle.CLOSED, "agent:li", silence_days=0
        ).status
        == lifecycle.CLOSED
    )


def test_stale_version_is_refused_with_the_fresh_state(
    database: Database, intake: creation.Intake
) -> None:
    ticket, _ = creation.create_ticket(database, new(), CONFIDENT, intake, "a")
    read_by_both = ticket.version
    store.correct_labels(database, ticket.number, "agent:li", "billing", None, intake, read_by_both)
    with pytest.raises(store.VersionConflict) as conflict:
        store.change_status(database, ticket.number, lifecycle.ASSIGNED, "agent:wang", read_by_both)
    assert conflict.value.ticket.category == "billing"
    assert conflict.value.ticket.version == read_by_both + 1


def test_concurrent_updates_lose_neither_change(
    database: Database, intake: creation.Intake
) -> None:
    """Two agents change the same ticket at once: both land, or one is told to retry."""
    ticket, _ = creation.create_ticket(database, new(), CONFIDENT, intake, "a")

    def correct(head_value: tuple[str, str]) -> str:
        head, value = head_value
        labels = {"category": None, "priority": None, head: value}
        try:
            store.correct_labels(
                database,
                ticket.number,
                f"agent:{head}",
                labels["category"],
                labels["priority"],
                intake,
                ticket.version,
            )
            return "ok"
        except store.VersionConflict:
            return "conflict"

    with ThreadPoolExecutor(2) as pool:
        outcomes = list(pool.map(correct, [("category", "billing"), ("priority", "P1")]))
    final = store.get_ticket(database, ticket.number)
    landed = {"category": final.category == "billing", "priority": final.priority == "P1"}
    for (head, _), outcome in zip([("category", 0), ("priority", 0)], outcomes, strict=True):
        assert landed[head] == (outcome == "ok")
    assert outcomes.count("ok") >= 1
    assert count(database, Correction) == outcomes.count("ok")


def test_correction_is_recorded_for_retraining(database: Database, intake: creation.Intake) -> None:
    ticket, _ = creation.create_ticket(database, new("东西不太好"), UNSURE, intake, "a")
    corrected = store.correct_labels(database, ticket.number, "agent:li", "quality", "P1", intake)
    assert corrected.status == lifecycle.TRIAGED
    assert (corrected.category, corrected.category_source) == ("quality", "agent")
    with database.session() as session:
        rows = session.scalars(select(Correction).order_by(Correction.head)).all()
    assert [(r.head, r.old_label, r.new_label, r.model_version) for r in rows] == [
        ("category", "quality", "quality", "m1"),
        ("priority", "P2", "P1", "m1"),
    ]
    with pytest.raises(TousuError) as refused:
        store.correct_labels(database, ticket.number, "agent:li", "qualty", None, intake)
    assert "quality" in refused.value.fix


def test_assignment_least_open_cap_away_and_handover(
    database: Database, intake: creation.Intake
) -> None:
    store.add_agent(database, "li", "物流部", max_open=2)
    store.add_agent(database, "wang", "物流部", max_open=2)
    store.add_agent(database, "zhao", "物流部", max_open=2)
    store.set_away(database, "zhao", True)
    made = [
        creation.create_ticket(database, new(f"快递{i}天没到"), CONFIDENT, intake, "a")[0]
        for i in range(5)
    ]
    holders = [t.assignee_id for t in made]
    assert holders[:4].count(holders[0]) == 2 and len(set(holders[:4])) == 2  # spread, capped
    assert holders[4] is None and made[4].status == lifecycle.TRIAGED  # everyone is full
    # the first agent resolves one ticket: the waiting ticket goes to them
    store.change_status(database, made[0].number, lifecycle.RESOLVED, "agent:li")
    assert store.get_ticket(database, made[4].number).assignee_id == holders[0]


def test_repeat_complainant_rule_raises_priority(
    database: Database, intake: creation.Intake
) -> None:
    customer = store.Customer(name="张伟", phone="13800138000")
    tickets = [
        creation.create_ticket(database, new(customer=customer), CONFIDENT, intake, "a")[0]
        for _ in range(4)
    ]
    assert [t.priority for t in tickets] == ["P2", "P2", "P2", "P1"]
    assert tickets[-1].priority_source == "rule"
    assert store.routing_of(database, tickets[-1].id).rule_id == "repeat-complainant"


def test_what_the_text_mentions_fills_missing_fields_and_contacts_are_masked(
    database: Database, intake: creation.Intake
) -> None:
    text = "订单号202405201187的手机花了2999元，屏幕碎了，要求换货，联系13912345678"
    ticket, _ = creation.create_ticket(database, new(text), CONFIDENT, intake, "a")
    assert (ticket.order_no, float(ticket.amount), ticket.customer_asks) == (
        "202405201187",
        2999.0,
        ["exchange"],
    )
    assert ticket.customer_phone == "13912345678"
    assert "13912345678" not in ticket.text and "[手机号]" in ticket.text
    given = store.Customer(phone="13800000000")
    kept, _ = creation.create_ticket(database, new(text, customer=given), CONFIDENT, intake, "a")
    assert kept.customer_phone == "13800000000"
