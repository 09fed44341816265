"""Creating tickets through the API on the default SQLite store (target >= 300 per second).

A second process posts complaints (online-shopping reviews) with 8 connections at once to
`tousu serve` (one worker); every request is classified, routed, given deadlines, stored,
audited and assigned. The one agent has no cap, so each assignment counts all the tickets
that agent holds: this is harder than a real desk, where caps keep that count small.
"""

import statistics
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from common import online_shopping, running_server, tousu_command

N = 3000
CONNECTIONS = 8
ROUNDS = 3


def post_all(url: str, token: str, texts: list[str]) -> list[int]:
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=url, headers=headers, timeout=30) as client:

        def post(item: tuple[int, str]) -> int:
            number, text = item
            body = {"channel": "web_form", "text": text, "customer": {"name": f"客户{number}"}}
            return client.post("/v1/tickets", json=body).status_code

        with ThreadPoolExecutor(CONNECTIONS) as pool:
            return list(pool.map(post, enumerate(texts)))


def one_round(texts: list[str]) -> tuple[float, int]:
    """Tickets per second and errors, on a fresh store."""
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        tousu_command(home, "agent", "add", "李", "--group", "质量部", "--max-open", "100000")
        token = tousu_command(home, "token", "create", "--role", "intake", "--name", "bench")
        with running_server(home, 8765, workers=1) as url:
            post_all(url, token, texts[:100])  # warm up
            started = time.perf_counter()
            codes = post_all(url, token, texts)
            seconds = time.perf_counter() - started
    return len(texts) / seconds, len(texts) - codes.count(201)


def main() -> None:
    texts = [row["review"][:2000] for row in online_shopping()[:N]]
    print(f"{N} tickets through POST /v1/tickets, {CONNECTIONS} connections, SQLite (WAL)")
    rates = []
    for round_number in range(1, ROUNDS + 1):
        rate, errors = one_round(texts)
        rates.append(rate)
        print(f"round {round_number}: {rate:,.0f} tickets/s, errors {errors}")
    print(f"median rate: {statistics.median(rates):,.0f} tickets/s   (target >= 300)")


if __name__ == "__main__":
    main()
