"""The intake writer: concurrent requests each get their own ticket, and closing finishes
what is queued."""

import asyncio

from models.bundle import ModelBundle
from serve.intake_batcher import IntakeBatcher
from tickets import store
from tickets.creation import Intake
from tickets.db import Database

COMPLAINTS = [
    "快递三天还没到，物流信息一直不更新",
    "热水壶用了两天就漏水，要求退货",
    "客服态度很差，电话里直接挂断",
    "扣了两次款，要求退还多扣的钱",
    "孩子被充电器烫伤了，要求赔偿",
    "建议增加夜间配送时间段",
] * 5


def test_concurrent_requests_each_get_their_own_ticket(
    bundle: ModelBundle, database: Database, intake: Intake
) -> None:
    batcher = IntakeBatcher(bundle, database, intake)

    async def submit_all() -> list[tuple[str, str, bool]]:
        async def one(index: int, text: str) -> tuple[str, str, bool]:
            new = store.NewTicket(channel="email", text=text, idempotency_key=f"k{index % 20}")
            ticket, created = await batcher.create(new, "intake:test")
            assert ticket.number is not None
            return ticket.number, ticket.text, created

        return await asyncio.gather(*(one(i, text) for i, text in enumerate(COMPLAINTS)))

    try:
        answers = asyncio.run(submit_all())
    finally:
        batcher.close()
    # 30 requests, 20 keys: the repeats get the ticket their key made, with its text
    assert sum(created for _, _, created in answers) == 20
    assert len({number for number, _, _ in answers}) == 20
    for index, (number, text, _) in enumerate(answers):
        assert text == COMPLAINTS[index % 20]
        assert number == answers[index % 20][0]
    burn = answers[4][0]
    assert store.get_ticket(database, burn).suggested_priority == "P0"


def test_closing_finishes_the_queued_requests(
    bundle: ModelBundle, database: Database, intake: Intake
) -> None:
    batcher = IntakeBatcher(bundle, database, intake)

    async def submit_then_close() -> list[str]:
        tasks = [
            asyncio.ensure_future(batcher.create(store.NewTicket("email", text), "intake:test"))
            for text in COMPLAINTS[:6]
        ]
        await asyncio.sleep(0)  # every request is queued
        await asyncio.to_thread(batcher.close)
        return [(await task)[0].text for task in tasks]

    assert asyncio.run(submit_then_close()) == COMPLAINTS[:6]
