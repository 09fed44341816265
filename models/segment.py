"""Word segmentation: jieba's dictionary and algorithm, run by rjieba (jieba-rs) for speed.

rjieba gives the same cuts as jieba with HMM off (tests/models/test_segment.py checks this on
real complaints, with and without the user dictionary; the two differ only in how they break
exact ties between equally probable cuts of runs like 好好好好好) at about ten times the speed.
HMM is off on purpose: unknown words fall apart into single characters, which the character
n-grams cover.

User-dictionary entries that jieba's dictionary already has only tag their word with a lexicon
group; their frequency is left as jieba has it (re-adding a word changes jieba's and rjieba's
totals in different ways, so cuts would drift apart).
"""

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from models.errors import ModelError

TEXT_BREAK = "\n"  # between the texts of a batch cut in one call


@dataclass(frozen=True, slots=True)
class UserWord:
    """One entry of a jieba user dictionary: `word freq [tag]`."""

    word: str
    freq: int
    tag: str | None = None


def parse_user_dictionary(text: str, source: str = "<user dictionary>") -> list[UserWord]:
    """Parse jieba's user-dictionary format; every entry must carry an explicit frequency.

    jieba and rjieba guess a missing frequency differently, so we require it to keep both
    segmenters giving the same cuts.
    """
    words: list[UserWord] = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        if len(parts) not in (2, 3) or not parts[1].isdigit():
            raise ModelError(
                "user-dictionary-line",
                f"{source}:{number}: expected 'word frequency [tag]', got {line!r}.",
                "write each entry as a word, a whole-number frequency and an optional tag, "
                "separated by spaces, e.g. '七天无理由 3000 after_sales'.",
            )
        words.append(UserWord(parts[0], int(parts[1]), parts[2] if len(parts) == 3 else None))
    return words


def read_user_dictionary(path: Path) -> list[UserWord]:
    """Read and parse a user dictionary file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ModelError(
            "user-dictionary-missing",
            f"user dictionary {path} does not exist.",
            "point to a jieba user dictionary (see data/lexicon/README.md) or pass none.",
        ) from None
    return parse_user_dictionary(text, str(path))


def user_dictionary_hash(words: Iterable[UserWord]) -> str:
    """Stable digest of the dictionary entries (recorded in the model bundle)."""
    digest = hashlib.sha256()
    for entry in words:
        digest.update(f"{entry.word}\t{entry.freq}\t{entry.tag or ''}\n".encode())
    return digest.hexdigest()


_ENGINES: dict[str, Any] = {}


def _engine_for(words: Sequence[UserWord]) -> Any:
    """One warmed rjieba engine per distinct user dictionary, shared by every segmenter."""
    key = user_dictionary_hash(words)
    engine = _ENGINES.get(key)
    if engine is None:
        import rjieba

        engine = rjieba.Jieba()
        for entry in words:
            if not engine.has_word(entry.word):
                engine.add_word(entry.word, entry.freq, entry.tag)
        _ENGINES[key] = engine
    return engine


class Segmenter:
    """Picklable jieba segmenter: carries its user dictionary, builds the engine lazily."""

    def __init__(self, user_words: Sequence[UserWord] = ()) -> None:
        self.user_words = tuple(user_words)
        self._engine: Any = None

    def cut(self, text: str) -> list[str]:
        """Words of `text` in order, as jieba would cut them with HMM off."""
        if self._engine is None:
            self._engine = _engine_for(self.user_words)
        words: list[str] = self._engine.cut(text, False)
        return words

    def cut_batch(self, texts: Sequence[str]) -> list[str]:
        """Words of every text in one flat list, `TEXT_BREAK` between texts.

        One call into jieba-rs for the whole batch is a tenth faster than one per text. jieba
        never cuts across a line break, so each text gets the words `cut` gives it, provided
        the texts hold no line break of their own (normalised texts hold none).
        """
        return self.cut(TEXT_BREAK.join(texts))

    def __getstate__(self) -> dict[str, Any]:
        return {"user_words": self.user_words}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.user_words = state["user_words"]
        self._engine = None
