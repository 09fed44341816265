"""The prediction API through real HTTP against a `tousu serve` process."""

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.serve.server import running_api, tousu


@pytest.fixture(scope="module")
def api(bundle_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    home = tmp_path_factory.mktemp("home")
    with running_api(bundle_dir, home) as client:
        token = tousu(home, "token", "create", "--role", "intake").strip()
        client.headers["Authorization"] = f"Bearer {token}"
        yield client


def test_predict_needs_a_token(api: httpx.Client) -> None:
    refused = httpx.post(f"{api.base_url}/v1/predict", json={"text": "快递没到"})
    assert refused.status_code == 401 and "token create" in refused.json()["hint"]


def test_health_names_the_model_and_uptime(api: httpx.Client) -> None:
    body = api.get("/healthz").json()
    assert body["status"] == "ok" and body["model_version"]
    assert body["uptime_seconds"] >= 0


def test_predict_returns_labels_confidence_cues_and_explanation(api: httpx.Client) -> None:
    response = api.post(
        "/v1/predict", json={"text": "孩子用了你们的暖手宝被烫伤了", "channel": "wechat"}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["priority"] == "P0"
    assert body["priority_cues"][0]["cue"] == "injury"
    assert len(body["category_top3"]) == 3 and body["category"] == body["category_top3"][0]
    assert body["explanation"] and body["model_version"]
    assert body["content_free"] is False and body["resolved_report"] is False
    assert body["advert"] is False


def test_an_advert_is_answered_as_a_non_complaint_set_by_rule(api: httpx.Client) -> None:
    text = "招聘兼职打字员，在家就能做，日结200-500元，有意者加微信 zq77812"
    body = api.post("/v1/predict", json={"text": text, "channel": "wechat"}).json()
    assert body["advert"] is True and body["content_free"] is False
    assert (body["category"], body["priority"], body["abstained"]) == ("non_complaint", "P2", False)


def test_a_greeting_is_answered_as_a_non_complaint_set_by_rule(api: httpx.Client) -> None:
    body = api.post("/v1/predict", json={"text": "在吗？", "channel": "wechat"}).json()
    assert body["content_free"] is True and body["resolved_report"] is False
    assert (body["category"], body["priority"], body["abstained"]) == ("non_complaint", "P2", False)


def test_a_follow_up_reporting_its_problem_solved_says_so(api: httpx.Client) -> None:
    text = "之前投诉的退款已经到账了，谢谢你们的帮助。"
    body = api.post("/v1/predict", json={"text": text, "channel": "wechat"}).json()
    assert body["resolved_report"] is True and body["content_free"] is False
    assert (body["category"], body["priority"], body["abstained"]) == ("non_complaint", "P2", False)


def test_batch_answers_in_order(api: httpx.Client) -> None:
    texts = ["快递一周没到", "希望增加夜间模式", "客服态度恶劣还挂电话"]
    response = api.post("/v1/predict/batch", json={"items": [{"text": t} for t in texts]})
    assert response.status_code == 200
    single = [api.post("/v1/predict", json={"text": t}).json()["category"] for t in texts]
    assert [item["category"] for item in response.json()["items"]] == single


@pytest.mark.parametrize(
    ("body", "mentions"),
    [
        ({"text": ""}, "text"),
        ({"text": "   \n"}, "text"),
        ({"text": "长" * 20_001}, "text"),
        ({"text": 42}, "text"),
        ({"txt": "快递没到"}, "text"),
        ({"text": "快递没到", "priority": "P0"}, "priority"),
        ({"text": "快递没到", "channel": 3}, "channel"),
    ],
)
def test_bad_bodies_get_422_that_says_what_to_send(
    api: httpx.Client, body: dict, mentions: str
) -> None:
    response = api.post("/v1/predict", json=body)
    assert response.status_code == 422
    error = response.json()
    assert error["code"] == "invalid-request"
    assert mentions in error["message"]
    assert "20,000" in error["hint"]


def test_empty_batch_is_refused(api: httpx.Client) -> None:
    assert api.post("/v1/predict/batch", json={"items": []}).status_code == 422


def test_openapi_documents_the_endpoints_and_errors(api: httpx.Client) -> None:
    spec = api.get("/openapi.json").json()
    assert {"/v1/predict", "/v1/predict/batch", "/healthz"} <= set(spec["paths"])
    assert "422" in spec["paths"]["/v1/predict"]["post"]["responses"]
