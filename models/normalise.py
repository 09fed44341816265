"""Text normalisation for features: one canonical form for the many ways Chinese text arrives.

Each character is folded by compatibility (NFKC where it gives one character: full-width
letters, digits and punctuation become half-width), lower-cased, and mapped from traditional to
simplified with OpenCC's character table. Whitespace and control characters become one space,
and runs of six or more digits (phone, order and card numbers) become one placeholder, so that a
number never decides a label. So does a number masked in the middle (138****5678, 6228xxxx2042),
as platforms print a phone or a card: read as written, its asterisks looked like the telecom
work orders' masks, and a contact line with one moved one priority in eight to P1. Dates and
times of day are dropped, and so is the placeholder of an anonymised name (某某: in the labelled
data only the authored rows have it, 58 % of them P1 or P0, and 某某公司 in front of a complaint
moved 4 % of priorities). Emoji fold to a space and a run of exclamation or question marks to
one mark: both are ways of writing that some sources use far more than others, and the model
learned them as labels. Features only: stored text keeps what the customer wrote.

The folding is a lookup table applied to a whole batch at once with NumPy, because calling
`unicodedata.normalize` and `str.translate` per text costs more than segmenting it.
"""

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

import numpy as np

# A long or masked number becomes LONG_NUMBER_TOKEN; a date or a time of day is dropped: it says
# when, never what went wrong, and the telecom work orders' many dates made a dated line
# (2024-05-01 10:23) move one category in sixteen. One pattern led by a single digit: led by
# `\d{6,}` or by alternatives, the regex engine tried every position, at twice the cost.
NUMBER_OR_DATE = re.compile(
    r"\d(?:(?P<number>\d{5,}|\d+(?:\*{3,}|x{3,})\d{2,})"
    r"|\d{3}[-/.年]\d{1,2}[-/.月]\d{1,2}日?|\d?月\d{1,2}日|\d?:\d{2}(?::\d{2})?)"
)
LONG_NUMBER_TOKEN = "#"
# A run of exclamation or question marks reads as one: the reviews shout more than the other
# sources, so ！！！！！！ after a complaint moved one category in eighteen, most to `delivery`.
EXCLAMATION_RUN = re.compile(r"!!+")
QUESTION_RUN = re.compile(r"\?\?+")
ANONYMISED = "某某"
SPACES = re.compile(r" {2,}")
CHINESE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
SEPARATOR = "\x00"
# Emoji fold to a space: in the labelled data only the written Weibo rows have them, and 😭
# (eight rows, all P0) in front of a complaint moved one priority in nine, most up to P0 or P1.
# Pictographs, dingbats and miscellaneous symbols, the variation selector that asks for the
# emoji form, and the joiner that builds one emoji from several.
EMOJI_RANGES = (
    (0x1F000, 0x1FAFF),
    (0x2600, 0x27BF),
    (0x2B00, 0x2BFF),
    (0xFE0F, 0xFE0F),
    (0x200D, 0x200D),
)
# Beyond this every code point folds to itself under NFKC.
_FOLDED_RANGE = 0x30000


@lru_cache(maxsize=1)
def traditional_to_simplified() -> dict[str, str]:
    """OpenCC's TSCharacters table, first candidate of each character."""
    text = resources.files("opencc").joinpath("dictionary/TSCharacters.txt").read_text("utf-8")
    table: dict[str, str] = {}
    for line in text.splitlines():
        traditional, _, candidates = line.partition("\t")
        simplified = candidates.split(" ")[0]
        if len(traditional) == 1 and len(simplified) == 1 and simplified != traditional:
            table[traditional] = simplified
    return table


@lru_cache(maxsize=1)
def folding_table() -> np.ndarray:
    """Code point -> folded code point, for every code point."""
    table = np.arange(0x110000, dtype=np.uint32)
    to_simplified = traditional_to_simplified()
    for code in range(_FOLDED_RANGE):
        char = chr(code)
        if code == 0:
            continue
        if char.isspace() or unicodedata.category(char) in ("Cc", "Cs"):
            table[code] = ord(" ")
            continue
        folded = unicodedata.normalize("NFKC", char).lower()
        folded = to_simplified.get(folded, folded)
        if len(folded) == 1:
            table[code] = ord(folded)
    for traditional, simplified in to_simplified.items():
        if ord(traditional) >= _FOLDED_RANGE:
            table[ord(traditional)] = ord(simplified)
    for first, last in EMOJI_RANGES:
        table[first : last + 1] = ord(" ")
    return table


def normalise_batch(texts: Sequence[str]) -> list[str]:
    """Canonical form of each text (see the module docstring)."""
    joined = SEPARATOR.join(text.replace(SEPARATOR, " ") for text in texts)
    codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    folded = folding_table()[codes].tobytes().decode("utf-32-le")
    folded = NUMBER_OR_DATE.sub(_number_or_date, folded).replace(ANONYMISED, " ")
    folded = QUESTION_RUN.sub("?", EXCLAMATION_RUN.sub("!", folded))
    folded = SPACES.sub(" ", folded)
    return [text.strip() for text in folded.split(SEPARATOR)]


def _number_or_date(match: re.Match[str]) -> str:
    return LONG_NUMBER_TOKEN if match.lastgroup == "number" else " "


def has_chinese(normalised: str) -> bool:
    """Whether a normalised text has a Chinese character: the model reads nothing else well."""
    return CHINESE.search(normalised) is not None


def normalise_text(text: str) -> str:
    """Canonical form of one text."""
    return normalise_batch([text])[0]
