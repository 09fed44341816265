"""Notifications out by e-mail through a local SMTP server: each once, to the role's addresses;
kept queued while the server is down or the role has no address, and sent later."""

from pathlib import Path

import pytest

from pipeline.notify import deliver
from pipeline.smtp import SmtpSettings
from tests.network import free_port
from tests.pipeline.smtp_sink import Sink
from tests.tickets.test_store import new
from tickets import creation, notifications
from tickets.db import Database
from tickets.errors import TousuError
from tickets.intake_policy import AUTO, HeadDecision, Suggestion
from tickets.paths import PathSettings
from tickets.routing import load_rules
from tickets.taxonomy import Taxonomy

URGENT = Suggestion(HeadDecision("quality", 0.9, AUTO), HeadDecision("P0", 1.0, AUTO), "m1")
SECURITY = Suggestion(HeadDecision("security", 0.9, AUTO), HeadDecision("P2", 0.9, AUTO), "m1")
DIRECTOR = ["director@shop.example.com", "deputy@shop.example.com"]


def queued(database: Database) -> dict[str, int]:
    rows, _ = notifications.listing(database, pending_only=True, limit=50, offset=0)
    return {n.recipient: n.attempts for n, _ in rows}


def test_sent_once_to_the_roles_addresses_and_unaddressed_roles_wait(
    sink: Sink, tmp_path: Path, intake: creation.Intake
) -> None:
    database = Database(f"sqlite:///{tmp_path / 'desk.db'}")
    burn, _ = creation.create_ticket(database, new("孩子被热水壶烫伤了"), URGENT, intake, "a")
    creation.create_ticket(database, new("我的账号被盗了"), SECURITY, intake, "a")
    assert queued(database) == {"客服总监": 0, "安全值班": 0}
    contacts = {"客服总监": DIRECTOR, "安全值班": []}

    report = deliver(database, contacts, SmtpSettings())
    assert len(report.sent) == 1 and not report.waiting
    [mail] = sink.received
    assert [a.addr_spec for a in mail["To"].addresses] == DIRECTOR
    assert mail["Subject"].startswith(f"[{burn.number}] P0 ")
    assert "烫伤" in mail.get_content() and "质量部" in mail.get_content()
    assert queued(database) == {"安全值班": 0}  # no address yet: it waits

    assert deliver(database, contacts, SmtpSettings()).sent == []  # nothing twice
    assert len(sink.received) == 1
    deliver(database, {**contacts, "安全值班": ["soc@shop.example.com"]}, SmtpSettings())
    assert queued(database) == {} and len(sink.received) == 2


def test_a_server_that_is_down_keeps_them_queued_with_the_reason(
    sink: Sink, tmp_path: Path, intake: creation.Intake
) -> None:
    database = Database(f"sqlite:///{tmp_path / 'desk.db'}")
    creation.create_ticket(database, new("充电器冒烟着火了"), URGENT, intake, "a")
    contacts = {"客服总监": DIRECTOR}
    down = SmtpSettings(host="127.0.0.1", port=free_port())  # nobody listens there
    report = deliver(database, contacts, down)
    assert report.sent == [] and "unreachable" in next(iter(report.waiting.values()))
    rows, _ = notifications.listing(database, pending_only=True, limit=5, offset=0)
    assert [(n.attempts, "unreachable" in (n.last_error or "")) for n, _ in rows] == [(1, True)]

    assert len(deliver(database, contacts, SmtpSettings()).sent) == 1  # the server is back
    assert len(sink.received) == 1 and queued(database) == {}


def test_without_a_mail_server_nothing_is_sent_or_lost(
    tmp_path: Path, intake: creation.Intake, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TOUSU_SMTP_HOST", raising=False)
    database = Database(f"sqlite:///{tmp_path / 'desk.db'}")
    creation.create_ticket(database, new("孩子被烫伤了"), URGENT, intake, "a")
    report = deliver(database, {"客服总监": DIRECTOR}, SmtpSettings(host=None))
    assert report.sent == [] and queued(database) == {"客服总监": 0}


def test_contacts_file_errors_name_the_role_and_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "contacts.yaml"
    path.write_text("contacts:\n  客服总监: director-at-shop\n", encoding="utf-8")
    with pytest.raises(TousuError) as caught:
        notifications.load_contacts(path)
    assert "客服总监" in caught.value.message and "name@example.com" in caught.value.fix


def test_the_shipped_contacts_name_every_role_the_rules_notify(
    paths: PathSettings, taxonomy: Taxonomy
) -> None:
    contacts = notifications.load_contacts(paths.contacts)
    rules = load_rules(paths.routing_rules, taxonomy)
    named = {role for rule in rules.rules for role in rule.then.get("notify", [])}
    named |= {notifications.director(taxonomy), *taxonomy.escalation["levels"]}
    assert named <= set(contacts)
