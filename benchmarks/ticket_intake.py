"""Creating tickets through the API on the default SQLite store (target >= 300 per second).

A second process posts complaints (waimai and online-shopping reviews) with 8 connections at
once; every request is classified, routed, given deadlines, stored and audited.
"""

import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from common import online_shopping, running_server, tousu_command

N = 3000
CONNECTIONS = 8


def post_all(url: str, token: str, texts: list[str]) -> list[int]:
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=url, headers=headers, timeout=30) as client:

        def post(item: tuple[int, str]) -> int:
            number, text = item
            body = {"channel": "web_form", "text": text, "customer": {"name": f"客户{number}"}}
            return client.post("/v1/tickets", json=body).status_code

        with ThreadPoolExecutor(CONNECTIONS) as pool:
            return list(pool.map(post, enumerate(texts)))


def main() -> None:
    texts = [row["review"][:2000] for row in online_shopping()[:N]]
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        tousu_command(home, "agent", "add", "李", "--group", "质量部", "--max-open", "100000")
        token = tousu_command(home, "token", "create", "--role", "intake", "--name", "bench")
        with running_server(home, 8765, workers=2) as url:
            post_all(url, token, texts[:100])  # warm up
            started = time.perf_counter()
            codes = post_all(url, token, texts)
            seconds = time.perf_counter() - started
    created = codes.count(201)
    print(f"{N} tickets through POST /v1/tickets, {CONNECTIONS} connections, SQLite (WAL)")
    print(f"created {created}, errors {N - created}")
    print(f"rate: {N / seconds:,.0f} tickets/s   (target >= 300)")


if __name__ == "__main__":
    main()
