"""A local HTTP server answering like Weibo's mentions API (the platform cannot be reached
from here): the documented parameters, paging, `idstr` ids, error bodies and rate limits.
Payloads are the samples in data/samples with their ids and texts varied."""

import copy
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

SAMPLES = Path(__file__).resolve().parents[2] / "data/samples"
PATHS = {"/2/statuses/mentions.json": "statuses", "/2/comments/mentions.json": "comments"}


@dataclass
class WeiboState:
    statuses: list[dict[str, Any]] = field(default_factory=list)
    comments: list[dict[str, Any]] = field(default_factory=list)
    rate_limited: int = 0  # answer this many requests with 429 first
    expired: bool = False
    requests: list[dict[str, str]] = field(default_factory=list)


def sample(
    kind: str, number: int, text: str, *, position: int = 0, file: str = ""
) -> dict[str, Any]:
    """Item `position` of a sample file (`weibo_{kind}_mentions.json` unless named), with its
    ids and text varied."""
    path = SAMPLES / (file or f"weibo_{kind}_mentions.json")
    item = copy.deepcopy(json.loads(path.read_text())[kind][position])
    item_id = 5102938475600000 + number
    item.update(id=item_id, idstr=str(item_id), mid=str(item_id), text=text)
    return item


@contextmanager
def fake_weibo(state: WeiboState) -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def _send(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body, ensure_ascii=False).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            if status == 429:
                self.send_header("Retry-After", "0.01")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            url = urlparse(self.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            state.requests.append({"path": url.path, **query})
            kind = PATHS.get(url.path)
            if kind is None:
                self._send(404, {"request": url.path, "error_code": 10014, "error": "no api"})
                return
            if state.expired:
                self._send(400, json.loads((SAMPLES / "weibo_error.json").read_text()))
                return
            if state.rate_limited:
                state.rate_limited -= 1
                self._send(429, {"request": url.path, "error_code": 10004, "error": "rate limit"})
                return
            since = int(query.get("since_id", 0))
            count, page = int(query.get("count", 20)), int(query.get("page", 1))
            items = sorted(
                (i for i in getattr(state, kind) if int(i["idstr"]) > since),
                key=lambda i: -int(i["idstr"]),
            )
            chunk = items[(page - 1) * count : page * count]
            more = len(items) > page * count
            self._send(
                200,
                {
                    kind: chunk,
                    "hasvisible": False,
                    "previous_cursor": 0,
                    "next_cursor": int(chunk[-1]["idstr"]) - 1 if more and chunk else 0,
                    "total_number": len(items),
                },
            )

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
