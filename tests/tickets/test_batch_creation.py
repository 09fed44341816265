"""Creating several tickets in one transaction behaves like creating them one by one."""

from sqlalchemy import func, select

from tickets import creation, lifecycle, store
from tickets.creation import TicketRequest
from tickets.db import Database
from tickets.intake_policy import AUTO, HeadDecision, Suggestion
from tickets.tables import AuditEvent, Message, Ticket

CONFIDENT = Suggestion(HeadDecision("delivery", 0.95, AUTO), HeadDecision("P2", 0.9, AUTO), "m1")
# a priority the taxonomy does not know: storing this ticket fails
BROKEN = Suggestion(HeadDecision("delivery", 0.95, AUTO), HeadDecision("P9", 0.9, AUTO), "m1")


def request(text: str, suggestion: Suggestion = CONFIDENT, **fields: object) -> TicketRequest:
    new = store.NewTicket(channel="email", text=text, **fields)  # type: ignore[arg-type]
    return TicketRequest(new, suggestion, "intake:test")


def rows(database: Database, table: type) -> int:
    with database.engine.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(table)) or 0)


def test_a_batch_gives_each_request_its_own_ticket_and_honours_keys(
    database: Database, intake: creation.Intake
) -> None:
    old = store.NewTicket(channel="email", text="旧的", idempotency_key="seen")
    earlier, _ = creation.create_ticket(database, old, CONFIDENT, intake, "a")
    results = creation.create_tickets(
        database,
        [
            request("快递一直没到"),
            request("重复提交", idempotency_key="twice"),
            request("重复提交", idempotency_key="twice"),
            request("旧的", idempotency_key="seen"),
        ],
        intake,
    )
    made = [result for result in results if not isinstance(result, Exception)]
    assert len(made) == 4
    assert [created for _, created in made] == [True, True, False, False]
    assert made[0][0].text == "快递一直没到"
    assert made[1][0].number == made[2][0].number
    assert made[3][0].number == earlier.number
    assert rows(database, Ticket) == 3 and rows(database, Message) == 3
    assert rows(database, AuditEvent) == 3


def test_later_tickets_of_a_batch_see_the_earlier_ones(
    database: Database, intake: creation.Intake
) -> None:
    store.add_agent(database, "li", "物流部", max_open=1)
    store.add_agent(database, "wang", "物流部", max_open=1)
    customer = store.Customer(name="张伟", phone="13800138000")
    results = creation.create_tickets(
        database, [request(f"快递{i}天没到", customer=customer) for i in range(4)], intake
    )
    tickets = [ticket for ticket, _ in results]  # type: ignore[misc]
    assert len({t.assignee_id for t in tickets[:2]}) == 2  # the cap counts the batch too
    assert tickets[2].assignee_id is None and tickets[2].status == lifecycle.TRIAGED
    assert [t.priority for t in tickets] == ["P2", "P2", "P2", "P1"]  # a repeat complainant


def test_one_failing_request_does_not_fail_or_duplicate_the_others(
    database: Database, intake: creation.Intake
) -> None:
    results = creation.create_tickets(
        database,
        [
            request("第一件", idempotency_key="one"),
            request("坏的", BROKEN),
            request("第三件", idempotency_key="three"),
        ],
        intake,
    )
    assert isinstance(results[1], KeyError)
    good = [results[0], results[2]]
    assert all(not isinstance(result, Exception) and result[1] for result in good)
    assert rows(database, Ticket) == 2 and rows(database, AuditEvent) == 2
    with database.engine.connect() as connection:
        texts = set(connection.scalars(select(Ticket.text)))
    assert texts == {"第一件", "第三件"}
