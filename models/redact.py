"""Masking of mainland ID numbers and bank-card numbers before anything is stored.

A number is masked only when its checksum holds (ID: ISO 7064 MOD 11-2 check digit; card:
Luhn), so order numbers and other long digit runs stay readable. The mask keeps the first and
last four characters so an agent can still tell two cards apart.
"""

import re

# 18-character IDs: 17 digits and a digit or X, not inside a longer run of digits
ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
# 12-19 digits, optionally grouped by single spaces or dashes
CARD_NUMBER = re.compile(r"(?<![0-9A-Za-z])\d(?:[ -]?\d){11,18}(?![0-9A-Za-z])")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def valid_id_number(number: str) -> bool:
    total = sum(int(digit) * weight for digit, weight in zip(number[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == number[17].upper()


def luhn_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def _mask(text: str, kind: str) -> str:
    return f"{text[:4]}{'*' * (len(text) - 8)}{text[-4:]}[{kind}]"


def mask_sensitive_numbers(text: str) -> str:
    """`text` with valid ID and bank-card numbers masked."""

    def id_number(match: re.Match[str]) -> str:
        number = match.group()
        return _mask(number, "身份证") if valid_id_number(number) else number

    def card_number(match: re.Match[str]) -> str:
        digits = re.sub(r"[ -]", "", match.group())
        return _mask(digits, "银行卡") if luhn_valid(digits) else match.group()

    return CARD_NUMBER.sub(card_number, ID_NUMBER.sub(id_number, text))


MOBILE = re.compile(r"(?<!\d)(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?!\d)")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def mask_contacts(text: str) -> str:
    """`text` with mobile numbers and e-mail addresses masked (for training text: contact
    details belong in the ticket's contact fields, not in what a model learns from)."""
    return EMAIL.sub("[邮箱]", MOBILE.sub("[手机号]", text))
