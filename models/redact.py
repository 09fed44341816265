"""Personal numbers in free text: find them, and mask them before anything is stored.

Mainland ID numbers (18 characters, ISO 7064 MOD 11-2 check digit) and bank-card numbers
(12-19 digits, Luhn, also grouped by spaces or dashes) are masked wherever text is stored, logged
or exported; mobile numbers and e-mail addresses are masked inside free text (they belong in a
ticket's contact fields). A number that fails its checksum is not an ID or a card, and a number
introduced as an order, waybill or tracking number stays readable even if it happens to pass
Luhn. Masks keep the first and last four characters of IDs and cards so an agent can tell two
apart, and the kind of number in brackets.
"""

import re
from dataclasses import dataclass

ID_NUMBER, BANK_CARD, PHONE, EMAIL = "ID_NUMBER", "BANK_CARD", "PHONE", "EMAIL"
LABELS = {ID_NUMBER: "身份证", BANK_CARD: "银行卡", PHONE: "手机号", EMAIL: "邮箱"}

_ID = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
_CARD = re.compile(r"(?<![0-9A-Za-z])\d(?:[ -]?\d){11,18}(?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<![0-9])(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?![0-9])")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# words that introduce an order-like number, up to a few characters before it
ORDER_CONTEXT = re.compile(
    r"(订单|单号|运单|快递单|物流单|编号|工单|order|no\.?)[^\d\n]{0,4}$", re.I
)
# a card-shaped number introduced as an ID (活动ID, 用户ID) is an identifier: telecom work orders
# quote Luhn-valid 12-digit activity IDs. Not the end of a word (paid, Android). ID-card numbers
# are found before cards, so "ID:" never spares one of those.
IDENTIFIER_CONTEXT = re.compile(r"(?<![a-z])id[^\d\n]{0,4}$", re.I)
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


@dataclass(frozen=True, slots=True)
class Found:
    label: str
    start: int
    end: int
    text: str


def valid_id_number(number: str) -> bool:
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == number[17].upper()


def luhn_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def _introduced_as(context: re.Pattern[str], text: str, start: int) -> bool:
    return bool(context.search(text[max(0, start - 12) : start]))


def find_personal_numbers(text: str) -> list[Found]:
    """IDs, cards, mobile numbers and e-mail addresses in `text`, in order, not overlapping."""
    found: list[Found] = []
    taken = [False] * len(text)

    def add(label: str, match: re.Match[str]) -> None:
        if any(taken[match.start() : match.end()]):
            return
        taken[match.start() : match.end()] = [True] * (match.end() - match.start())
        found.append(Found(label, match.start(), match.end(), match.group()))

    for match in _ID.finditer(text):
        if valid_id_number(match.group()) and not _introduced_as(
            ORDER_CONTEXT, text, match.start()
        ):
            add(ID_NUMBER, match)
    for match in _EMAIL.finditer(text):
        add(EMAIL, match)
    for match in _MOBILE.finditer(text):
        add(PHONE, match)
    for match in _CARD.finditer(text):
        digits = re.sub(r"[ -]", "", match.group())
        if luhn_valid(digits) and not any(
            _introduced_as(context, text, match.start())
            for context in (ORDER_CONTEXT, IDENTIFIER_CONTEXT)
        ):
            add(BANK_CARD, match)
    return sorted(found, key=lambda f: f.start)


def _mask(found: Found) -> str:
    if found.label in (ID_NUMBER, BANK_CARD):
        compact = re.sub(r"[ -]", "", found.text)
        return f"{compact[:4]}{'*' * (len(compact) - 8)}{compact[-4:]}[{LABELS[found.label]}]"
    return f"[{LABELS[found.label]}]"


def redact(text: str, labels: tuple[str, ...] = (ID_NUMBER, BANK_CARD, PHONE, EMAIL)) -> str:
    """`text` with the personal numbers of the given kinds masked."""
    parts, last = [], 0
    for found in find_personal_numbers(text):
        if found.label in labels:
            parts.append(text[last : found.start])
            parts.append(_mask(found))
            last = found.end
    parts.append(text[last:])
    return "".join(parts)
