"""An agent's correction routes and times an open ticket again, on SQLite and PostgreSQL."""

from dataclasses import replace
from datetime import timedelta

from sqlalchemy import select

from tests.tickets.test_store import CONFIDENT, UNSURE, new
from tickets import creation, lifecycle, store
from tickets.db import Database
from tickets.intake_policy import AUTO, REVIEW, HeadDecision, Suggestion
from tickets.routing import parse_rules
from tickets.sla import due_times
from tickets.tables import Notification


def recipients(database: Database, ticket_id: int) -> list[str]:
    with database.session() as session:
        query = select(Notification.recipient).where(Notification.ticket_id == ticket_id)
        return sorted(session.scalars(query))


def test_a_corrected_category_moves_the_ticket_to_its_department(
    database: Database, intake: creation.Intake
) -> None:
    store.add_agent(database, "li", "物流部")
    store.add_agent(database, "zhou", "财务部")
    ticket, _ = creation.create_ticket(database, new("运费多收了20元"), CONFIDENT, intake, "a")
    assert (ticket.department, ticket.status) == ("物流部", lifecycle.ASSIGNED)

    corrected = store.correct_labels(database, ticket.number, "agent:li", "billing", None, intake)

    assert (corrected.department, corrected.assignee_group) == ("财务部", "财务部")
    zhou = store.get_ticket(database, corrected.number).assignee_id
    assert corrected.status == lifecycle.ASSIGNED and zhou != ticket.assignee_id
    routing = store.routing_of(database, ticket.id)
    assert routing.rule_id == "billing" and "labels corrected by agent:li" in routing.reason
    after = [e.after for e in store.history(database, ticket.id) if e.action == "labels"]
    assert after[0]["department"] == "财务部" and after[0]["assignee_id"] == zhou


def test_a_raised_priority_brings_the_deadline_forward_and_tells_the_director(
    database: Database, intake: creation.Intake
) -> None:
    ticket, _ = creation.create_ticket(database, new("热水器外壳有点麻手"), CONFIDENT, intake, "a")
    assert ticket.first_response_due - ticket.received_at > timedelta(hours=2)
    assert recipients(database, ticket.id) == []

    raised = store.correct_labels(database, ticket.number, "agent:li", "quality", "P0", intake)

    assert raised.first_response_due - raised.received_at == timedelta(hours=2)
    assert raised.resolution_due - raised.received_at == timedelta(hours=24)
    assert raised.department == "质量部"
    assert recipients(database, ticket.id) == ["客服总监"]
    # a second correction tells nobody twice
    store.correct_labels(database, ticket.number, "agent:wang", None, "P0", intake)
    assert recipients(database, ticket.id) == ["客服总监"]


def test_a_ticket_filed_as_no_complaint_has_no_deadline_until_corrected(
    database: Database, intake: creation.Intake
) -> None:
    praise = Suggestion(
        HeadDecision("non_complaint", 0.95, AUTO), HeadDecision("P2", 0.9, AUTO), "m1"
    )
    ticket, _ = creation.create_ticket(database, new("快递小哥很热情，点赞"), praise, intake, "a")
    assert (ticket.first_response_due, ticket.resolution_due) == (None, None)

    corrected = store.correct_labels(database, ticket.number, "agent:li", "delivery", None, intake)
    assert corrected.first_response_due is not None and corrected.resolution_due is not None

    back = store.correct_labels(database, ticket.number, "agent:li", "non_complaint", None, intake)
    assert (back.first_response_due, back.resolution_due) == (None, None)

    # a suggestion nobody has confirmed keeps its deadlines: the model may have missed a complaint
    unsure = replace(praise, category=HeadDecision("non_complaint", 0.4, REVIEW))
    reviewed, _ = creation.create_ticket(database, new("收到了，谢谢"), unsure, intake, "b")
    assert reviewed.first_response_due is not None


def test_time_spent_waiting_for_the_customer_still_counts_after_a_correction(
    database: Database, intake: creation.Intake
) -> None:
    store.add_agent(database, "li", "物流部")
    ticket, _ = creation.create_ticket(database, new(), CONFIDENT, intake, "a")
    for status in (lifecycle.AWAITING_CUSTOMER, lifecycle.IN_PROGRESS):
        ticket = store.change_status(database, ticket.number, status, "agent:li")
    assert ticket.paused_seconds > 0

    raised = store.correct_labels(database, ticket.number, "agent:li", None, "P1", intake)

    p1 = next(p for p in intake.taxonomy.priorities if p.code == "P1")
    _, three_working_days = due_times(raised.received_at, p1, intake.business)
    assert three_working_days is not None
    paused = timedelta(seconds=raised.paused_seconds)
    assert raised.resolution_due == three_working_days + paused


def test_a_reviewed_ticket_goes_to_an_agent_of_its_corrected_group(
    database: Database, intake: creation.Intake
) -> None:
    store.add_agent(database, "zhou", "售后部")
    ticket, _ = creation.create_ticket(database, new("东西不太好"), UNSURE, intake, "a")
    assert (ticket.status, ticket.department, ticket.assignee_id) == (
        lifecycle.NEEDS_REVIEW,
        "质量部",
        None,
    )

    corrected = store.correct_labels(
        database, ticket.number, "agent:li", "after_sales", "P2", intake
    )

    assert (corrected.status, corrected.department) == (lifecycle.ASSIGNED, "售后部")
    assert corrected.assignee_id is not None


def test_an_agent_at_work_keeps_the_ticket_and_a_closed_one_keeps_its_route(
    database: Database, intake: creation.Intake
) -> None:
    store.add_agent(database, "li", "物流部")
    working, _ = creation.create_ticket(database, new(), CONFIDENT, intake, "a")
    working = store.change_status(database, working.number, lifecycle.IN_PROGRESS, "agent:li")
    moved = store.correct_labels(database, working.number, "agent:li", "billing", None, intake)
    assert moved.department == "财务部"
    assert (moved.status, moved.assignee_id) == (lifecycle.IN_PROGRESS, working.assignee_id)

    done, _ = creation.create_ticket(database, new("快递丢了"), CONFIDENT, intake, "a")
    done = store.change_status(database, done.number, lifecycle.RESOLVED, "agent:li")
    kept = store.correct_labels(database, done.number, "agent:li", "billing", "P0", intake)
    assert (kept.category, kept.priority) == ("billing", "P0")  # training data
    assert kept.department == "物流部" and kept.first_response_due == done.first_response_due
    assert recipients(database, done.id) == []


def test_a_rule_floor_applies_unless_the_agent_set_the_priority(
    database: Database, intake: creation.Intake
) -> None:
    rules = parse_rules(
        "rules:\n"
        "  - {id: privacy-floor, when: {category: [security]}, then: {priority_floor: P1}}\n"
        "  - {id: fallback, then: {}}\n",
        intake.taxonomy,
    )
    floored = replace(intake, rules=rules)
    ticket, _ = creation.create_ticket(database, new("有人冒用我的信息"), CONFIDENT, floored, "a")
    assert ticket.priority == "P2"

    relabelled = store.correct_labels(
        database, ticket.number, "agent:li", "security", None, floored
    )
    assert (relabelled.priority, relabelled.priority_source) == ("P1", "rule")
    assert relabelled.first_response_due - relabelled.received_at == timedelta(hours=24)

    chosen = store.correct_labels(database, ticket.number, "agent:li", "security", "P2", floored)
    assert (chosen.priority, chosen.priority_source) == ("P2", "agent")
