"""The ticket API through real HTTP: roles, idempotent intake, the full ticket path."""

import csv
import io
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from pathlib import Path

import httpx
import pytest

from tests.serve.server import running_api, tousu


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("home")


@pytest.fixture(scope="module")
def api(bundle_dir: Path, home: Path) -> Iterator[httpx.Client]:
    with running_api(bundle_dir, home) as client:
        yield client


@pytest.fixture(scope="module")
def tokens(home: Path) -> dict[str, str]:
    tousu(home, "agent", "add", "li", "--group", "物流部", "--max-open", "5")
    return {
        role: tousu(home, "token", "create", "--role", role, "--name", f"{role}-test").strip()
        for role in ("intake", "agent", "supervisor", "director")
    }


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


COMPLAINT = {
    "channel": "email",
    "text": "快递一个星期了还没送到，物流信息也不更新，我的身份证号11010519491231002X",
    "customer": {"name": "张伟", "phone": "13800138000"},
    "order_no": "202405201187",
}


def test_every_ticket_endpoint_needs_a_token(api: httpx.Client) -> None:
    refused = api.post("/v1/tickets", json=COMPLAINT)
    assert refused.status_code == 401
    assert refused.json()["code"] == "auth-missing" and "token create" in refused.json()["hint"]
    wrong = api.get("/v1/tickets", headers=auth("tsu_not-a-token"))
    assert wrong.status_code == 401 and wrong.json()["code"] == "auth-invalid"


def test_roles_are_checked_per_endpoint(api: httpx.Client, tokens: dict[str, str]) -> None:
    refused = api.get("/v1/tickets", headers=auth(tokens["intake"]))
    assert refused.status_code == 403
    assert refused.json()["code"] == "auth-role" and "agent" in refused.json()["hint"]
    assert api.get("/v1/tickets", headers=auth(tokens["supervisor"])).status_code == 200


def test_same_idempotency_key_under_concurrent_requests_gives_one_ticket(
    api: httpx.Client, tokens: dict[str, str]
) -> None:
    headers = {**auth(tokens["intake"]), "Idempotency-Key": "mail-4711"}

    def post(_: int) -> httpx.Response:
        return api.post("/v1/tickets", json=COMPLAINT, headers=headers)

    with ThreadPoolExecutor(6) as pool:
        responses = list(pool.map(post, range(6)))
    assert {r.status_code for r in responses} <= {200, 201}
    assert [r.status_code for r in responses].count(201) == 1
    assert len({r.json()["number"] for r in responses}) == 1


def test_full_path_post_route_assign_correct_resolve_close(
    api: httpx.Client, tokens: dict[str, str]
) -> None:
    created = api.post("/v1/tickets", json=COMPLAINT, headers=auth(tokens["intake"]))
    assert created.status_code == 201, created.text
    ticket = created.json()
    number = ticket["number"]
    assert ticket["suggested_category"] == "delivery" and ticket["department"] == "物流部"
    assert "11010519491231002X" not in ticket["text"] and "[身份证]" in ticket["text"]
    assert ticket["first_response_due"] and ticket["resolution_due"]
    agent = auth(tokens["agent"])
    detail = api.get(f"/v1/tickets/{number}", headers=agent).json()
    assert detail["routing"]["rule_id"] == "delivery"
    assert detail["messages"][0]["direction"] == "inbound"
    if detail["status"] != "assigned":
        detail = api.patch(f"/v1/tickets/{number}", json={"assignee": "li"}, headers=agent).json()
    assert detail["status"] == "assigned"
    corrected = api.post(
        f"/v1/tickets/{number}/labels",
        json={"category": "delivery", "priority": "P1", "version": detail["version"]},
        headers=agent,
    )
    assert corrected.status_code == 200, corrected.text
    assert (corrected.json()["priority"], corrected.json()["priority_source"]) == ("P1", "agent")
    # the deadline follows the corrected priority: 24 hours instead of 3 working days
    due = datetime.fromisoformat(corrected.json()["first_response_due"])
    assert due - datetime.fromisoformat(ticket["received_at"]) == timedelta(hours=24)
    assert due < datetime.fromisoformat(ticket["first_response_due"])
    stale = api.patch(
        f"/v1/tickets/{number}",
        json={"status": "in_progress", "version": detail["version"]},
        headers=agent,
    )
    assert stale.status_code == 409
    assert stale.json()["current"]["priority"] == "P1"
    version = stale.json()["current"]["version"]
    for status in ("in_progress", "resolved"):
        moved = api.patch(
            f"/v1/tickets/{number}", json={"status": status, "version": version}, headers=agent
        )
        assert moved.status_code == 200, moved.text
        version = moved.json()["version"]
    too_early = api.patch(f"/v1/tickets/{number}", json={"status": "closed"}, headers=agent)
    assert too_early.status_code == 400 and too_early.json()["code"] == "close-too-early"
    rated = api.post(
        f"/v1/tickets/{number}/satisfaction",
        json={"score": 4, "comment": "处理及时"},
        headers=agent,
    )
    assert rated.status_code == 200
    closed = api.patch(f"/v1/tickets/{number}", json={"status": "closed"}, headers=agent).json()
    assert closed["status"] == "closed" and closed["satisfaction_score"] == 4
    actions = [entry["action"] for entry in closed["history"]]
    assert actions[0] == "created" and "labels" in actions and actions[-1] == "status:closed"
    queue = api.get("/v1/tickets", params={"status": "closed"}, headers=agent).json()
    assert number in [item["number"] for item in queue["items"]]


def test_illegal_move_names_the_allowed_ones(api: httpx.Client, tokens: dict[str, str]) -> None:
    ticket = api.post("/v1/tickets", json=COMPLAINT, headers=auth(tokens["intake"])).json()
    refused = api.patch(
        f"/v1/tickets/{ticket['number']}", json={"status": "closed"}, headers=auth(tokens["agent"])
    )
    assert refused.status_code == 400 and refused.json()["code"] == "status-transition"
    missing = api.get("/v1/tickets/TS-20000101-999999", headers=auth(tokens["agent"]))
    assert missing.status_code == 404


def test_routing_preview_names_rule_and_reason(api: httpx.Client, tokens: dict[str, str]) -> None:
    preview = api.post(
        "/v1/routing/preview",
        json={"text": "热水器漏电，孩子洗澡被电到了，已经送医院"},
        headers=auth(tokens["agent"]),
    ).json()
    assert preview["priority"] == "P0" and preview["rule_id"] == "p0-director"
    assert preview["cc_director"] and "P0" in preview["reason"]
    typo = api.post(
        "/v1/routing/preview",
        json={"text": "快递没到", "category": "delivry"},
        headers=auth(tokens["agent"]),
    )
    assert typo.status_code == 400 and "delivery" in typo.json()["hint"]


def test_compensation_approval_and_stats(api: httpx.Client, tokens: dict[str, str]) -> None:
    ticket = api.post("/v1/tickets", json=COMPLAINT, headers=auth(tokens["intake"])).json()
    asked = api.post(
        f"/v1/tickets/{ticket['number']}/compensation",
        json={"kind": "refund", "amount": 800},
        headers=auth(tokens["agent"]),
    )
    assert asked.status_code == 201 and asked.json()["approver_role"] == "director"
    path = f"/v1/compensation/{asked.json()['id']}/decision"
    by_agent = api.post(path, json={"approve": True}, headers=auth(tokens["agent"]))
    assert by_agent.status_code == 403
    too_low = api.post(path, json={"approve": True}, headers=auth(tokens["supervisor"]))
    assert too_low.status_code == 400 and too_low.json()["code"] == "compensation-approver"
    approved = api.post(
        path, json={"approve": True, "comment": "同意"}, headers=auth(tokens["director"])
    )
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    finance = api.get(
        "/v1/compensation", params={"status": "approved"}, headers=auth(tokens["supervisor"])
    ).json()
    assert asked.json()["id"] in [r["id"] for r in finance]
    stats = api.get("/v1/stats", headers=auth(tokens["supervisor"])).json()
    assert stats["total"] >= 1 and stats["by_department"].get("物流部", 0) >= 1
    assert api.get("/v1/stats", headers=auth(tokens["agent"])).status_code == 403


def test_openapi_documents_ticket_endpoints_and_errors(api: httpx.Client) -> None:
    spec = api.get("/openapi.json").json()
    for path in ("/v1/tickets", "/v1/tickets/{number}", "/v1/routing/preview", "/v1/stats"):
        assert path in spec["paths"]
    created = spec["paths"]["/v1/tickets"]["post"]["responses"]
    assert {"201", "401", "403", "422"} <= set(created)


def test_a_p0_complaint_queues_a_notification_for_the_director(
    api: httpx.Client, tokens: dict[str, str]
) -> None:
    burn = {**COMPLAINT, "text": "孩子用了你们的热水袋被烫伤了，已经送医院", "order_no": None}
    created = api.post("/v1/tickets", json=burn, headers=auth(tokens["intake"])).json()
    assert created["priority"] == "P0"
    assert api.get("/v1/notifications", headers=auth(tokens["agent"])).status_code == 403
    page = api.get("/v1/notifications?pending=true", headers=auth(tokens["supervisor"])).json()
    mine = [n for n in page["items"] if n["ticket_number"] == created["number"]]
    assert [(n["recipient"], n["sent_at"], n["addressed"]) for n in mine] == [
        ("客服总监", None, False)  # no mail server or address here: it waits, listed
    ]
    assert mine[0]["reason"].startswith("p0-director")


def test_a_supervisor_downloads_the_queue_as_a_spreadsheet(
    api: httpx.Client, tokens: dict[str, str]
) -> None:
    created = api.post("/v1/tickets", json=COMPLAINT, headers=auth(tokens["intake"])).json()
    wanted = {"channel": "email", "received_from": "2026-01-01"}
    sheet = api.get("/v1/tickets/export.csv", params=wanted, headers=auth(tokens["supervisor"]))
    assert sheet.status_code == 200, sheet.text
    assert sheet.headers["content-type"].startswith("text/csv")
    assert "attachment" in sheet.headers["content-disposition"]
    assert sheet.content.startswith("\ufeff工单号".encode())
    rows = list(csv.reader(io.StringIO(sheet.content.decode("utf-8-sig"))))
    assert created["number"] in [row[0] for row in rows[1:]]
    assert "11010519491231002X" not in sheet.text
    future = api.get(
        "/v1/tickets/export.csv",
        params={"received_from": "2099-01-01"},
        headers=auth(tokens["supervisor"]),
    )
    assert future.content.decode("utf-8-sig").count("\n") == 1  # the header alone
    refused = api.get("/v1/tickets/export.csv", headers=auth(tokens["agent"]))
    assert refused.status_code == 403
