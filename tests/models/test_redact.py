"""Masking personal numbers: IDs and cards in many formats, decoys that must stay readable."""

import pytest

from models.redact import (
    BANK_CARD,
    EMAIL,
    ID_NUMBER,
    PHONE,
    find_personal_numbers,
    luhn_valid,
    redact,
    valid_id_number,
)


@pytest.mark.parametrize(
    "number",
    ["11010519491231002X", "11010519491231002x", "110105199003071239", "440304198512310011"],
)
def test_valid_ids_are_masked(number: str) -> None:
    assert valid_id_number(number)
    masked = redact(f"身份证号：{number}，请核实")
    assert number not in masked and "[身份证]" in masked
    assert masked.startswith("身份证号：" + number[:4]) and masked.endswith("，请核实")


@pytest.mark.parametrize(
    "card",
    [
        "6222021234567890128",
        "6222 0212 3456 7890 128",
        "6222-0212-3456-7890-128",
        "4111111111111111",
        "4111 1111 1111 1111",
        "621483000000007",
        "400000000002",
    ],
)
def test_luhn_valid_cards_are_masked_in_any_grouping(card: str) -> None:
    masked = redact(f"我的卡{card}被扣了钱")
    assert card not in masked and "[银行卡]" in masked
    assert masked.startswith("我的卡") and masked.endswith("被扣了钱")


@pytest.mark.parametrize(
    "decoy",
    [
        "110105199003071238",  # ID with a wrong check digit
        "6222021234567890127",  # card failing Luhn
        "订单号4111111111111111",  # Luhn-valid, but introduced as an order number
        "运单号：110105199003071239",  # ID-shaped waybill number
        "主活动ID:600000170222",  # a Luhn-valid activity ID in a telecom work order
        "金额12345元",
        "2024-05-20 18:30",
        "型号 MI-10 Pro",
    ],
)
def test_decoys_stay_readable(decoy: str) -> None:
    assert redact(decoy) == decoy


@pytest.mark.parametrize("lead", ["paid ", "Android "])
def test_a_card_after_a_word_ending_in_id_is_masked(lead: str) -> None:
    assert redact(f"{lead}4111111111111111") == f"{lead}4111********1111[银行卡]"


@pytest.mark.parametrize("lead", ["身份证ID：", "ID: ", "证件ID "])
def test_an_id_card_introduced_as_id_is_still_masked(lead: str) -> None:
    assert redact(f"{lead}11010519491231002X") == f"{lead}1101**********002X[身份证]"


def test_phones_and_emails_are_masked_in_free_text() -> None:
    text = "联系我 13800138000、+86 139 1234 5678 或 zhang.wei@example.com.cn"
    assert redact(text) == "联系我 [手机号]、[手机号] 或 [邮箱]"
    labels = [f.label for f in find_personal_numbers(text)]
    assert labels == [PHONE, PHONE, EMAIL]


def test_kinds_can_be_chosen_and_positions_are_exact() -> None:
    text = "卡4111111111111111，身份证11010519491231002X，电话13800138000"
    only_ids = redact(text, (ID_NUMBER, BANK_CARD))
    assert "13800138000" in only_ids and "4111111111111111" not in only_ids
    for found in find_personal_numbers(text):
        assert text[found.start : found.end] == found.text
    assert luhn_valid("4111111111111111") and not luhn_valid("4111111111111112")
