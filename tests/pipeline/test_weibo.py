"""Weibo polling against a local server shaped like the documented API."""

import copy
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from models.bundle import load_bundle
from models.features import ComplaintText
from pipeline.intake import IntakeContext
from pipeline.sources.weibo import WeiboError, WeiboSettings, poll_weibo
from tests.pipeline.fake_weibo import WeiboState, fake_weibo, sample
from tickets import channels, lifecycle
from tickets.creation import Intake
from tickets.db import Database
from tickets.store import add_agent, assign_to, change_status
from tickets.tables import Message, Ticket


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


def test_a_repost_brings_the_post_it_repeats(context: IntakeContext) -> None:
    """A repost's own words may be only the mention (同款！求处理): the complaint is the
    original post in `retweeted_status`, unless that post is gone."""
    reposts = "weibo_statuses_reposts.json"
    state = WeiboState(
        statuses=[
            sample("statuses", 1, "@某某官方客服 你们看看这条", position=0, file=reposts),
            sample(
                "statuses",
                2,
                "@某某官方客服 同款！我家的也是，求处理//@吃瓜群众2026:这也太坑了吧",
                position=1,
                file=reposts,
            ),
        ]
    )
    with fake_weibo(state) as url:
        assert poll_weibo(context, settings(url))["created"] == 2
    deleted, repost = tickets(context)
    assert deleted.text == "@某某官方客服 你们看看这条"  # 抱歉，此微博已被作者删除 adds nothing
    assert repost.text == (
        "@某某官方客服 同款！我家的也是，求处理//@吃瓜群众2026:这也太坑了吧\n"
        "原微博：开通会员的时候没说会自动续费，今天突然被扣了198元，找客服说不能退 #维权#"
    )
    assert repost.customer_name == "小鹿爱吃鱼"  # the reposter wrote to the company
    # the model reads the original below the repost chain (the reposter's words alone are
    # filed as quality)
    assert repost.category == "billing"


def test_a_comment_under_the_writers_own_post_brings_the_post(context: IntakeContext) -> None:
    own = sample("comments", 1, "@某某官方客服 三天了没人回复")
    own["status"].update(
        id=5102938400000002,
        idstr="5102938400000002",
        text="充电宝充着电突然鼓包发烫，差点烧起来",
        user=copy.deepcopy(own["user"]),
    )
    elsewhere = sample(
        "comments", 2, "@某某官方客服 我的退款什么时候到"
    )  # under the company's post
    with fake_weibo(WeiboState(comments=[own, elsewhere])) as url:
        assert poll_weibo(context, settings(url))["created"] == 2
    first, second = tickets(context)
    assert (
        first.text == "@某某官方客服 三天了没人回复\n原微博：充电宝充着电突然鼓包发烫，差点烧起来"
    )
    assert first.priority == "P0"  # the fire cue reads the post
    assert second.text == "@某某官方客服 我的退款什么时候到"


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


def comment(
    number: int, text: str, written: str, *, under: int = 1, user: int = 1404376560
) -> dict[str, Any]:
    """A comment under post `under` by user `user`, written at `written` (Beijing time)."""
    item = sample("comments", number, text)
    item["created_at"] = f"Fri Nov 22 {written} +0800 2024"
    item["status"].update(id=5102938400000000 + under, idstr=str(5102938400000000 + under))
    item["user"].update(id=user, idstr=str(user))
    return item


def test_a_complaint_typed_in_comments_under_one_post_is_one_ticket(
    context: IntakeContext,
) -> None:
    state = WeiboState(
        comments=[
            comment(1, "@某某官方客服 我买的空调不制冷", "10:00:00"),
            comment(2, "@某某官方客服 师傅说好昨天上门，到现在也没来", "10:01:30"),
            comment(3, "@某某官方客服 会员积分怎么不见了", "10:40:00"),  # much later
            comment(4, "@某某官方客服 我的快递也丢了", "10:41:00", user=2000000001),  # another
            comment(5, "@某某官方客服 上次的发票也没开", "10:42:00", under=2),  # elsewhere
        ]
    )
    with fake_weibo(state) as url:
        counts = poll_weibo(context, settings(url))
        assert (counts["fetched"], counts["created"], counts["joined"]) == (5, 4, 1)
        # the next part, written two minutes later, comes with the next poll
        state.comments.append(comment(6, "@某某官方客服 订单号2024112200123", "10:44:00", under=2))
        assert poll_weibo(context, settings(url))["joined"] == 1
        # Weibo gives the same comments again: nothing is added twice
        channels.save_checkpoint(context.db, settings(url).channel_name("comments"), {})
        again = poll_weibo(context, settings(url))
    assert (again["duplicate"], again["created"], again["joined"]) == (6, 0, 0)
    air_conditioner, points, lost, invoice = tickets(context)
    assert air_conditioner.text == (
        "@某某官方客服 我买的空调不制冷\n@某某官方客服 师傅说好昨天上门，到现在也没来"
    )
    [whole] = context.bundle.classifier.predict(
        [ComplaintText(air_conditioner.text, None, "weibo")]
    )
    assert air_conditioner.suggested_category_confidence == pytest.approx(whole.category.confidence)
    assert points.text == "@某某官方客服 会员积分怎么不见了"
    assert lost.customer_account == "weibo:2000000001"
    assert invoice.text == "@某某官方客服 上次的发票也没开\n@某某官方客服 订单号2024112200123"
    assert invoice.order_no == "2024112200123"  # filled from the part that named it
    with context.db.session() as session:
        keys = session.scalars(
            select(Message.external_key).where(Message.ticket_id == invoice.id)
        ).all()
    assert keys == ["weibo:comments:5102938475600005", "weibo:comments:5102938475600006"]


def test_a_post_to_a_ticket_that_waits_for_the_customer_is_their_answer(
    context: IntakeContext,
) -> None:
    broken = comment(1, "@某某官方客服 扫地机器人坏了", "10:00:00")
    with fake_weibo(WeiboState(comments=[broken])) as url:
        poll_weibo(context, settings(url))
    [ticket] = tickets(context)
    assert ticket.number is not None
    add_agent(context.db, "李娜", ticket.assignee_group or "")
    assign_to(context.db, ticket.number, "李娜", "supervisor:wang")
    change_status(context.db, ticket.number, lifecycle.IN_PROGRESS, "agent:li")
    change_status(context.db, ticket.number, lifecycle.AWAITING_CUSTOMER, "agent:li")
    answer = sample("statuses", 9, "@某某官方客服 型号是X200，买了半年")
    answer["user"].update(id=1404376560, idstr="1404376560")
    with fake_weibo(WeiboState(statuses=[answer])) as url:
        assert poll_weibo(context, settings(url))["joined"] == 1
    [answered] = tickets(context)
    assert answered.status == lifecycle.IN_PROGRESS  # the customer's answer starts the clock
    with context.db.session() as session:
        texts = session.scalars(select(Message.text).where(Message.ticket_id == answered.id))
        assert list(texts)[-1] == "@某某官方客服 型号是X200，买了半年"
