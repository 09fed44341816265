"""The prediction API through real HTTP against a `tousu serve` process."""

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

TOUSU = str(Path(sys.executable).parent / "tousu")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def api(bundle_dir: Path) -> Iterator[httpx.Client]:
    port = free_port()
    process = subprocess.Popen(
        [TOUSU, "serve", "--bundle", str(bundle_dir), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, process.stderr.read() if process.stderr else ""
            try:
                if client.get("/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "the API did not come up within 60 s"
            time.sleep(0.1)
        yield client
    finally:
        client.close()
        process.terminate()
        process.wait(timeout=10)
        if process.stderr:
            process.stderr.close()


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
