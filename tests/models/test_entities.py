"""Entities a complaint mentions, found by the spaCy pipeline with jieba and rule components."""

import pytest

from models import entities
from models.entities import entity_pipeline, extract


def test_pipeline_is_blank_chinese_with_jieba_and_rule_components() -> None:
    nlp = entity_pipeline()
    assert nlp.lang == "zh" and nlp.pipe_names == ["entity_ruler", "tousu_patterns"]
    assert "退款" in [t.text for t in nlp("我要退款七天")]  # words, not characters


def test_order_amount_date_model_asks_and_contacts() -> None:
    found = extract(
        "订单号：202405201187 的 iPhone 15 Pro 屏幕坏了，花了5999元，5月20日买的，"
        "要求退款并道歉，电话13800138000，邮箱zhang@example.com"
    )
    assert found.order_numbers == ["202405201187"]
    assert found.amounts == [5999.0]
    assert found.dates == ["5月20日"]
    assert found.product_models == ["iPhone 15 Pro"]
    assert found.asks == ["refund", "apology"]
    assert found.phones == ["13800138000"] and found.emails == ["zhang@example.com"]


def test_personal_numbers_are_counted_and_order_numbers_not_taken_for_cards() -> None:
    found = extract("运单号SF1234567890没到，卡4111 1111 1111 1111被扣款，身份证11010519491231002X")
    assert found.order_numbers == ["SF1234567890"]
    assert (found.bank_cards, found.id_numbers) == (1, 1)
    assert extract("订单号4111111111111111").bank_cards == 0


def test_amount_forms_and_relative_dates() -> None:
    found = extract("华为 Mate 60 昨天充电冒烟，¥6999，另付了运费12.5块，要求赔偿")
    assert found.amounts == [6999.0, 12.5]
    assert found.dates == ["昨天"] and found.asks == ["compensation"]
    assert "Mate 60" in found.product_models


def test_the_pipeline_forgets_what_it_has_seen_past_a_bound(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(entities, "MAX_REMEMBERED_STRINGS", 500)
    for number in range(300):
        extract(f"订单号{2024052011870000 + number}，联系电话1380013{number:04d}，快递没到")
    assert len(entities.entity_pipeline().vocab.strings) <= 500 + 50
    found = extract("订单号202405201187，退款100元")
    assert found.order_numbers == ["202405201187"] and found.amounts == [100.0]
