"""POST /v1/predict under a steady 200 requests/s for 60 s (target: p99 <= 15 ms, no errors).

Open-loop load from this process against a `tousu serve` subprocess: request i is due at
start + i/rate and its latency is counted from that moment, so a stalled server cannot hide
its queue (no coordinated omission). Overdue requests wait for one of the client's connections
on a semaphore rather than in httpx's pool, whose queue grows slower with every waiting request:
on a slow machine a client that fell behind never caught up, and the run did not end.
"""

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

import httpx
from common import online_shopping, running_server, tousu_command


async def load(
    url: str, token: str, texts: list[str], rate: float, seconds: float
) -> tuple[list[float], int]:
    latencies: list[float] = []
    errors = 0
    connections = 64
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    free = asyncio.Semaphore(connections)
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(
        base_url=url, limits=limits, timeout=10, headers=headers
    ) as client:
        start = time.perf_counter() + 0.5

        async def one(index: int) -> None:
            nonlocal errors
            due = start + index / rate
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            async with free:
                try:
                    response = await client.post(
                        "/v1/predict", json={"text": texts[index % len(texts)]}
                    )
                    if response.status_code != 200:
                        errors += 1
                except httpx.HTTPError:
                    errors += 1
            latencies.append(time.perf_counter() - due)

        await asyncio.gather(*(one(i) for i in range(int(rate * seconds))))
    return latencies, errors


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rate", type=float, default=200)
    parser.add_argument("--seconds", type=float, default=60)
    arguments = parser.parse_args()
    texts = [row["review"][:500] for row in online_shopping()[:5000]]
    with tempfile.TemporaryDirectory() as folder, running_server(Path(folder), 8767) as url:
        token = tousu_command(Path(folder), "token", "create", "--role", "intake")
        asyncio.run(load(url, token, texts, arguments.rate, 3))  # warm-up
        latencies, errors = asyncio.run(load(url, token, texts, arguments.rate, arguments.seconds))
    ms = sorted(1000 * x for x in latencies)
    p99 = ms[int(0.99 * (len(ms) - 1))]
    print(
        f"{len(ms)} requests at {arguments.rate:.0f}/s for {arguments.seconds:.0f} s, "
        f"errors {errors}"
    )
    print(
        f"latency ms: median {statistics.median(ms):.1f}, p90 {ms[int(0.9 * (len(ms) - 1))]:.1f}, "
        f"p99 {p99:.1f}, max {ms[-1]:.1f}   (target p99 <= 15 ms)"
    )


if __name__ == "__main__":
    main()
