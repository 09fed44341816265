"""WeChat Official Account pushes through real HTTP, shaped like the platform's payloads."""

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from defusedxml import ElementTree

from tests.serve.server import running_api, tousu
from tickets.db import Database
from tickets.raw_messages import quarantined
from tickets.wechat import signature

TOKEN = "pamtest"
SAMPLE = Path(__file__).resolve().parents[2] / "data/samples/wechat_text_push.xml"


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("wechat-home")


@pytest.fixture(scope="module")
def api(bundle_dir: Path, home: Path) -> Iterator[httpx.Client]:
    with running_api(bundle_dir, home, TOUSU_WECHAT_TOKEN=TOKEN) as client:
        yield client


def signed(timestamp: str = "1409304348", nonce: str = "xxxxxx") -> dict[str, str]:
    return {"timestamp": timestamp, "nonce": nonce, "signature": signature(TOKEN, timestamp, nonce)}


def push(
    content: str,
    msg_id: str,
    msg_type: str = "text",
    extra: str = "",
    sender: str = "ogdotwSc_MmEEsJs9-ABZ1QL_4r4",
) -> bytes:
    return (
        "<xml><ToUserName><![CDATA[gh_866835093fea]]></ToUserName>"
        f"<FromUserName><![CDATA[{sender}]]></FromUserName>"
        f"<CreateTime>1478317060</CreateTime><MsgType><![CDATA[{msg_type}]]></MsgType>"
        f"<Content><![CDATA[{content}]]></Content>{extra}<MsgId>{msg_id}</MsgId></xml>"
    ).encode()


def test_signature_matches_the_documented_vector() -> None:
    assert (
        signature("pamtest", "1409304348", "xxxxxx") == "76480565cbe296026c53aaacd1ad523a1ddba24f"
    )


def test_url_verification_echoes_only_when_signed(api: httpx.Client) -> None:
    ok = api.get("/v1/channels/wechat", params={**signed(), "echostr": "hello123"})
    assert ok.status_code == 200 and ok.text == "hello123"
    forged = api.get(
        "/v1/channels/wechat", params={**signed(), "signature": "0" * 40, "echostr": "x"}
    )
    assert forged.status_code == 403 and forged.json()["code"] == "wechat-signature"


def test_sample_push_becomes_a_ticket_and_the_reply_names_it(api: httpx.Client, home: Path) -> None:
    started = time.monotonic()
    response = api.post("/v1/channels/wechat", params=signed(), content=SAMPLE.read_bytes())
    assert time.monotonic() - started < 5  # WeChat gives up after 5 s
    assert response.status_code == 200
    reply = ElementTree.fromstring(response.content)
    assert reply.findtext("ToUserName") == "ogdotwSc_MmEEsJs9-ABZ1QL_4r4"
    assert reply.findtext("FromUserName") == "gh_866835093fea"
    content = reply.findtext("Content") or ""
    assert "工单号 TS-" in content and "前回复您" in content
    number = content.split("工单号 ")[1].split("，")[0]
    agent = tousu(home, "token", "create", "--role", "agent").strip()
    ticket = api.get(f"/v1/tickets/{number}", headers={"Authorization": f"Bearer {agent}"}).json()
    assert ticket["channel"] == "wechat" and ticket["order_no"] == "2024112200123"
    assert ticket["customer_phone"] == "13812345678" and "13812345678" not in ticket["text"]


def test_replayed_msgid_gives_the_same_ticket(api: httpx.Client) -> None:
    body = push("快递三天没到，客服也不回复", "7000000000000000001", sender="o_replay_user")
    first = api.post("/v1/channels/wechat", params=signed(), content=body)
    again = api.post("/v1/channels/wechat", params=signed(), content=body)
    assert first.status_code == again.status_code == 200
    assert ElementTree.fromstring(first.content).findtext("Content") == ElementTree.fromstring(
        again.content
    ).findtext("Content")


def reply_to(api: httpx.Client, body: bytes) -> str:
    answered = api.post("/v1/channels/wechat", params=signed(), content=body)
    assert answered.status_code == 200
    return ElementTree.fromstring(answered.content).findtext("Content") or ""


def agent_headers(home: Path) -> dict[str, str]:
    return {"Authorization": f"Bearer {tousu(home, 'token', 'create', '--role', 'agent').strip()}"}


def numbers_of(api: httpx.Client, headers: dict[str, str], sender: str) -> list[str]:
    """The numbers of the WeChat tickets of one sender."""
    listed = api.get("/v1/tickets", params={"channel": "wechat", "limit": 200}, headers=headers)
    mine = [t for t in listed.json()["items"] if t["customer_account"] == f"wechat:{sender}"]
    return [t["number"] for t in mine]


def test_a_greeting_opens_no_ticket_and_a_thank_you_joins_the_open_one(
    api: httpx.Client, home: Path
) -> None:
    sender = "o_greeting_user"
    headers = agent_headers(home)

    greeting = reply_to(api, push("你好，在吗？", "7100000000000000001", sender=sender))
    assert "请直接发送文字描述您遇到的问题" in greeting and "工单号" not in greeting
    assert numbers_of(api, headers, sender) == []
    filed = reply_to(
        api, push("我买的热水器漏水，师傅一直不上门", "7100000000000000002", sender=sender)
    )
    number = filed.split("工单号 ")[1].split("，")[0]
    thanks = reply_to(api, push("好的谢谢", "7100000000000000003", sender=sender))
    assert thanks == f"收到。您的工单 {number} 正在处理中，有进展会及时通知您。"
    assert numbers_of(api, headers, sender) == [number]
    ticket = api.get(f"/v1/tickets/{number}", headers=headers).json()
    assert [m["text"] for m in ticket["messages"]] == [
        "我买的热水器漏水，师傅一直不上门",
        "好的谢谢",
    ]


def test_a_complaint_typed_in_parts_is_one_ticket_classified_on_the_whole(
    api: httpx.Client, home: Path
) -> None:
    sender = "o_typing_user"
    headers = agent_headers(home)
    first = reply_to(api, push("我要投诉", "7200000000000000001", sender=sender))
    number = first.split("工单号 ")[1].split("，")[0]
    parts = ["快递三天了还没送到，物流一直不更新", "订单号2024112200456，电话13912345678"]
    for msg_id, part in enumerate(parts, start=7200000000000000002):
        added = reply_to(api, push(part, str(msg_id), sender=sender))
        assert added == f"收到，已补充到您的工单 {number}，处理人员会一并查看。"
    assert numbers_of(api, headers, sender) == [number]
    ticket = api.get(f"/v1/tickets/{number}", headers=headers).json()
    assert [m["text"] for m in ticket["messages"]][:2] == ["我要投诉", parts[0]]
    assert ticket["text"].startswith("我要投诉\n快递三天了还没送到")
    assert ticket["suggested_category"] == "delivery" and ticket["department"] == "物流部"
    assert ticket["order_no"] == "2024112200456" and ticket["customer_phone"] == "13912345678"
    assert "13912345678" not in ticket["text"]
    # WeChat's retry of a part gets the same answer and adds nothing
    again = reply_to(api, push(parts[0], "7200000000000000002", sender=sender))
    assert again.startswith("收到，已补充到您的工单")
    ticket = api.get(f"/v1/tickets/{number}", headers=headers).json()
    assert len(ticket["messages"]) == 3


def test_a_chase_joins_the_open_ticket_without_changing_what_it_says(
    api: httpx.Client, home: Path
) -> None:
    sender = "o_chasing_user"
    headers = agent_headers(home)
    filed = reply_to(
        api, push("空调不制冷，师傅说好昨天上门一直没来", "7400000000000000001", sender=sender)
    )
    number = filed.split("工单号 ")[1].split("，")[0]
    before = api.get(f"/v1/tickets/{number}", headers=headers).json()
    chased = reply_to(api, push("我的投诉怎么还没人处理？？", "7400000000000000002", sender=sender))
    assert chased == f"收到，已补充到您的工单 {number}，处理人员会一并查看。"
    assert numbers_of(api, headers, sender) == [number]
    after = api.get(f"/v1/tickets/{number}", headers=headers).json()
    assert after["text"] == before["text"]  # not read as more of the complaint
    assert after["suggested_category"] == before["suggested_category"]
    assert [m["text"] for m in after["messages"]][-1] == "我的投诉怎么还没人处理？？"


def test_an_answer_to_a_ticket_waiting_for_the_customer_joins_it(
    api: httpx.Client, home: Path
) -> None:
    sender = "o_answering_user"
    tousu(home, "agent", "add", "wu", "--group", "售后部")
    headers = agent_headers(home)
    filed = reply_to(
        api, push("洗衣机坏了申请退货，商家一直拖着不处理", "7300000000000000001", sender=sender)
    )
    number = filed.split("工单号 ")[1].split("，")[0]
    # the agent's labels route it to 售后部, whose only agent gets it
    labels = {"category": "after_sales", "priority": "P2"}
    corrected = api.post(f"/v1/tickets/{number}/labels", json=labels, headers=headers).json()
    assert (corrected["department"], corrected["status"]) == ("售后部", "assigned")
    waiting = api.patch(
        f"/v1/tickets/{number}", json={"status": "awaiting_customer"}, headers=headers
    )
    assert waiting.status_code == 200, waiting.text
    answer = reply_to(
        api, push("订单号是2024112200789，上个月买的", "7300000000000000002", sender=sender)
    )
    assert answer == f"收到，已补充到您的工单 {number}，处理人员会一并查看。"
    ticket = api.get(f"/v1/tickets/{number}", headers=headers).json()
    assert ticket["status"] == "in_progress"  # the customer answered: the clock runs again
    assert ticket["messages"][-1]["text"] == "订单号是2024112200789，上个月买的"


def test_forged_push_is_refused(api: httpx.Client) -> None:
    forged = api.post(
        "/v1/channels/wechat",
        params={**signed(), "signature": "f" * 40},
        content=push("伪造", "7000000000000000002"),
    )
    assert forged.status_code == 403


def test_entity_bomb_is_refused_and_quarantined(api: httpx.Client, home: Path) -> None:
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
        "<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName>"
        "<MsgType>text</MsgType><Content>&lol3;</Content><MsgId>1</MsgId></xml>"
    )
    started = time.monotonic()
    refused = api.post("/v1/channels/wechat", params=signed("1", "bomb"), content=bomb.encode())
    assert time.monotonic() - started < 2
    assert refused.status_code == 400 and refused.json()["code"] == "wechat-xml"
    kept = quarantined(Database(f"sqlite:///{home / 'tousu.db'}"), "wechat")
    assert [row.external_key for row in kept] == ["wechat:unparsed:1:bomb"]
    assert "DTD" in (kept[0].error or "") or "entit" in (kept[0].error or "").lower()


def test_voice_and_events_are_answered(api: httpx.Client) -> None:
    voice = push(
        "",
        "7000000000000000003",
        "voice",
        "<Recognition><![CDATA[热水器漏水]]></Recognition>",
        sender="o_voice_user",
    )
    answered = api.post("/v1/channels/wechat", params=signed(), content=voice)
    assert "工单号" in (ElementTree.fromstring(answered.content).findtext("Content") or "")
    subscribe = (
        b"<xml><ToUserName>gh_1</ToUserName><FromUserName>o_1</FromUserName>"
        b"<CreateTime>1</CreateTime><MsgType>event</MsgType><Event>subscribe</Event></xml>"
    )
    welcome = api.post("/v1/channels/wechat", params=signed(), content=subscribe)
    assert "欢迎关注" in (ElementTree.fromstring(welcome.content).findtext("Content") or "")


def test_quarantine_can_be_listed_retried_and_discarded(api: httpx.Client, home: Path) -> None:
    bad = b"<xml><ToUserName>gh</ToUserName><MsgType>text</MsgType></xml>"
    assert (
        api.post("/v1/channels/wechat", params=signed("7", "bad"), content=bad).status_code == 400
    )
    supervisor = {
        "Authorization": f"Bearer {tousu(home, 'token', 'create', '--role', 'supervisor').strip()}"
    }
    listed = api.get("/v1/quarantine", params={"channel": "wechat"}, headers=supervisor).json()
    entry = next(row for row in listed if row["external_key"] == "wechat:unparsed:7:bad")
    assert "FromUserName" in entry["error"]
    retried = api.post(f"/v1/quarantine/{entry['id']}/retry", headers=supervisor)
    assert retried.status_code == 400  # still broken: quarantined again, with the new error
    assert entry["id"] in [r["id"] for r in api.get("/v1/quarantine", headers=supervisor).json()]
    discarded = api.post(f"/v1/quarantine/{entry['id']}/discard", headers=supervisor)
    assert discarded.status_code == 200
    assert entry["id"] not in [
        r["id"] for r in api.get("/v1/quarantine", headers=supervisor).json()
    ]
    assert api.get("/v1/channels", headers=supervisor).status_code == 200
    agent = {"Authorization": f"Bearer {tousu(home, 'token', 'create', '--role', 'agent').strip()}"}
    assert api.get("/v1/quarantine", headers=agent).status_code == 403
