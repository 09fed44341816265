"""Weibo polling against a local server shaped like the documented API."""

from pathlib import Path

import pytest
from sqlalchemy import select

from models.bundle import load_bundle
from pipeline.intake import IntakeContext
from pipeline.sources.weibo import WeiboError, WeiboSettings, poll_weibo
from tests.pipeline.fake_weibo import WeiboState, fake_weibo, sample
from tickets import channels
from tickets.creation import Intake
from tickets.db import Database
from tickets.tables import Ticket


@pytest.fixture
def context(tmp_path: Path, bundle_dir: Path, intake: Intake) -> IntakeContext:
    database = Database(f"sqlite:///{tmp_path / 'desk.db'}")
    return IntakeContext(database, load_bundle(bundle_dir), intake)


def settings(url: str) -> WeiboSettings:
    return WeiboSettings(base_url=url, token="t", account="acme", count=5, backoff_seconds=0.01)


def tickets(context: IntakeContext) -> list[Ticket]:
    with context.db.session() as session:
        return list(session.scalars(select(Ticket).order_by(Ticket.id)))


def test_paging_since_id_and_no_duplicates(context: IntakeContext) -> None:
    state = WeiboState(
        statuses=[sample("statuses", i, f"@acme 第{i}单退款没到账") for i in range(12)],
        comments=[sample("comments", 100, "@acme 订单号2024112200123一直不发货，电话13812345678")],
    )
    with fake_weibo(state) as url:
        first = poll_weibo(context, settings(url))
        assert (first["fetched"], first["created"]) == (13, 13)
        made = tickets(context)
        assert [t.text for t in made[:3]] == [
            "@acme 第0单退款没到账",
            "@acme 第1单退款没到账",
            "@acme 第2单退款没到账",
        ]
        comment = made[-1]
        assert comment.channel == "weibo" and comment.order_no == "2024112200123"
        assert comment.customer_account == "weibo:1404376560" and "13812345678" not in comment.text
        state.statuses.append(sample("statuses", 50, "@acme 扫地机器人坏了"))
        state.requests.clear()
        second = poll_weibo(context, settings(url))
    assert (second["fetched"], second["created"]) == (1, 1)
    assert state.requests[0]["since_id"] == str(5102938475600011)
    assert len(tickets(context)) == 14


def test_rate_limit_is_waited_out(context: IntakeContext) -> None:
    state = WeiboState(statuses=[sample("statuses", 1, "@acme 客服不理人")], rate_limited=2)
    with fake_weibo(state) as url:
        assert poll_weibo(context, settings(url))["created"] == 1
    assert sum(r["path"] == "/2/statuses/mentions.json" for r in state.requests) == 3


def test_expired_token_stops_with_how_to_renew(context: IntakeContext) -> None:
    with fake_weibo(WeiboState(expired=True)) as url, pytest.raises(WeiboError) as stopped:
        poll_weibo(context, settings(url))
    assert stopped.value.code == "weibo-token-expired" and "TOUSU_WEIBO_TOKEN" in stopped.value.fix
    assert "expired" in (channels.all_states(context.db)[0].last_error or "")
