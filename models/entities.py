"""What a complaint mentions: order numbers, amounts, dates, product models, contacts and what
the customer asks for, found by a spaCy pipeline (`spacy.blank("zh")` whose tokenizer cuts with
jieba's dictionary and algorithm) with rule components: an EntityRuler for the asks and a
pattern component for the rest.

Personal numbers come from `models.redact`, so detection and masking never disagree.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from spacy.vocab import Vocab

from models.redact import find_personal_numbers
from models.segment import Segmenter

# what the customer asks for: phrase -> code
ASKS = {
    "退款": "refund",
    "退钱": "refund",
    "退货": "return",
    "换货": "exchange",
    "换一个": "exchange",
    "换新": "exchange",
    "维修": "repair",
    "修好": "repair",
    "道歉": "apology",
    "赔偿": "compensation",
    "赔钱": "compensation",
    "补发": "resend",
    "重新发货": "resend",
    "解释": "information",
    "说法": "information",
}
ORDER_NO = re.compile(
    r"(?:订单|单号|运单|快递单|物流单|工单)号?\s*(?:是|为)?[:：]?\s*([A-Za-z0-9][A-Za-z0-9-]{5,29})"
)
MONEY = re.compile(r"(?:[¥￥]\s?(\d+(?:\.\d{1,2})?))|(?:(\d+(?:\.\d{1,2})?)\s?(?:元|块钱|块))")
DATE = re.compile(
    r"\d{4}\s?[-/.年]\s?\d{1,2}\s?[-/.月]\s?\d{1,2}\s?[日号]?"
    r"|\d{1,2}月\d{1,2}[日号]|[昨前今]天|大前天|上周[一二三四五六日天]?|上个月"
)
PRODUCT_MODEL = re.compile(
    r"(?<![A-Za-z0-9])(?=[A-Za-z0-9 -]*\d)(?=[A-Za-z0-9 -]*[A-Za-z])"
    r"[A-Za-z]+[A-Za-z0-9]*(?:[ -]?[A-Za-z0-9]+){0,2}(?: ?(?:Pro|Max|Plus|Ultra|mini|Lite))?"
    r"(?![A-Za-z0-9])"
)


@dataclass
class Entities:
    order_numbers: list[str] = field(default_factory=list)
    amounts: list[float] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    product_models: list[str] = field(default_factory=list)
    asks: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    id_numbers: int = 0
    bank_cards: int = 0


@Language.component("tousu_patterns")
def tousu_patterns(doc: Doc) -> Doc:
    """Pattern entities over the raw text, snapped to jieba's tokens."""
    text = doc.text
    spans: list[Span] = list(doc.ents)
    found = [(f.label, f.start, f.end) for f in find_personal_numbers(text)]
    found += [("ORDER_NO", *m.span(1)) for m in ORDER_NO.finditer(text)]
    found += [("MONEY", *m.span()) for m in MONEY.finditer(text)]
    found += [("DATE", *m.span()) for m in DATE.finditer(text)]
    found += [("PRODUCT_MODEL", *m.span()) for m in PRODUCT_MODEL.finditer(text)]
    for label, start, end in found:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    doc.ents = filter_spans(spans)  # where spans overlap, the longest wins
    return doc


class JiebaTokenizer:
    """spaCy tokenizer cutting with jieba's dictionary and algorithm through `Segmenter`
    (rjieba: the same cuts as jieba with HMM off, verified by tests/models/test_segment.py,
    about ten times faster than the `jieba` package spaCy's own option calls)."""

    def __init__(self, vocab: Vocab, segmenter: Segmenter) -> None:
        self.vocab = vocab
        self.segmenter = segmenter

    def __call__(self, text: str) -> Doc:
        words = [word for word in self.segmenter.cut(text) if word]
        return Doc(self.vocab, words=words, spaces=[False] * len(words))


@lru_cache(maxsize=1)
def entity_pipeline() -> Language:
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})
    nlp.tokenizer = JiebaTokenizer(nlp.vocab, Segmenter())
    ruler = nlp.add_pipe("entity_ruler")
    patterns = [{"label": "ASK", "pattern": phrase, "id": code} for phrase, code in ASKS.items()]
    ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    nlp.add_pipe("tousu_patterns")
    return nlp


def _amount(text: str) -> float | None:
    match = MONEY.search(text)
    if match is None:
        return None
    return float(match.group(1) or match.group(2))


def _inner(pattern: re.Pattern[str], text: str) -> str:
    """What the pattern matched inside a span that was widened to whole jieba tokens."""
    match = pattern.search(text)
    return match.group() if match else text


ORDER_VALUE = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{5,29}")


# spaCy keeps every string it has seen (order numbers, phones...) for the life of the pipeline:
# in a server that runs for months that grows without end, so past this size it starts afresh
# (a rebuild takes about 15 ms)
MAX_REMEMBERED_STRINGS = 200_000


def extract(text: str) -> Entities:
    nlp = entity_pipeline()
    if len(nlp.vocab.strings) > MAX_REMEMBERED_STRINGS:
        entity_pipeline.cache_clear()
        nlp = entity_pipeline()
    entities = Entities()
    for span in nlp(text).ents:
        value = span.text.strip()
        if span.label_ == "ORDER_NO":
            entities.order_numbers.append(_inner(ORDER_VALUE, value))
        elif span.label_ == "MONEY" and (amount := _amount(value)) is not None:
            entities.amounts.append(amount)
        elif span.label_ == "DATE":
            entities.dates.append(_inner(DATE, value))
        elif span.label_ == "PRODUCT_MODEL":
            entities.product_models.append(value)
        elif span.label_ == "ASK" and span.ent_id_ not in entities.asks:
            entities.asks.append(span.ent_id_)
        elif span.label_ == "PHONE":
            entities.phones.append(value)
        elif span.label_ == "EMAIL":
            entities.emails.append(value)
        elif span.label_ == "ID_NUMBER":
            entities.id_numbers += 1
        elif span.label_ == "BANK_CARD":
            entities.bank_cards += 1
    return entities
