"""POST /v1/predict under a steady 200 requests/s for 60 s (target: p99 <= 15 ms, no errors).

Open-loop load from this process against a `tousu serve` subprocess: request i is due at
start + i/rate and its latency is counted from that moment, so a stalled server cannot hide
its queue (no coordinated omission). Due requests go to 64 kept-alive connections that speak
plain HTTP/1.1 over asyncio streams: an httpx client needed about 7 ms of this process's time
per request on a slow machine, fell behind the rate and measured itself, not the server.
"""

import argparse
import asyncio
import json
import statistics
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from common import online_shopping, running_server, tousu_command

CONNECTIONS = 64


def request_bytes(host: str, token: str, text: str) -> bytes:
    body = json.dumps({"text": text}, ensure_ascii=False).encode()
    head = (
        f"POST /v1/predict HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {token}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


async def exchange(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes
) -> int:
    """Send one request on a kept-alive connection; its status, once the body is read."""
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = next(
        int(line.split(b":", 1)[1])
        for line in head.split(b"\r\n")
        if line.lower().startswith(b"content-length:")
    )
    await reader.readexactly(length)
    return status


async def load(
    url: str, token: str, texts: list[str], rate: float, seconds: float
) -> tuple[list[float], int]:
    address = urlsplit(url)
    host, port = address.hostname or "127.0.0.1", address.port or 80
    requests = [request_bytes(f"{host}:{port}", token, text) for text in texts]
    due: asyncio.Queue[tuple[int, float] | None] = asyncio.Queue()
    latencies: list[float] = []
    errors = 0

    async def connection() -> None:
        nonlocal errors
        reader, writer = await asyncio.open_connection(host, port)
        while (job := await due.get()) is not None:
            index, at = job
            try:
                status = await asyncio.wait_for(
                    exchange(reader, writer, requests[index % len(requests)]), 10
                )
                errors += status != 200
            except (TimeoutError, OSError, asyncio.IncompleteReadError):
                errors += 1
                writer.close()
                reader, writer = await asyncio.open_connection(host, port)
            latencies.append(time.perf_counter() - at)
        writer.close()

    workers = [asyncio.create_task(connection()) for _ in range(CONNECTIONS)]
    start = time.perf_counter() + 0.5
    for index in range(int(rate * seconds)):
        at = start + index / rate
        await asyncio.sleep(max(0.0, at - time.perf_counter()))
        due.put_nowait((index, at))
    for _ in workers:
        due.put_nowait(None)
    await asyncio.gather(*workers)
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
