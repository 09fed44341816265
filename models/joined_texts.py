"""Many texts as one string, so that one regex call searches them all.

Calling a regex once per text costs more than the search itself when most texts have no match;
searching the joined string once, then telling which text each match falls in, does not. A
line break stands between texts (one inside a text becomes a space), so a pattern's `.` never
reaches from one text into the next.
"""

from collections.abc import Iterable, Sequence

import numpy as np


class JoinedTexts:
    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = texts
        self.text = "\n".join(text.replace("\n", " ") for text in texts)
        self.starts = np.cumsum([0] + [len(text) + 1 for text in texts[:-1]])

    def owner(self, position: int) -> int:
        """The index of the text that holds a position of the joined string."""
        return int(np.searchsorted(self.starts, position, side="right")) - 1

    def owners(self, positions: Iterable[int]) -> list[int]:
        """The indexes of the texts that hold any of these positions, each once, in order."""
        found = np.searchsorted(self.starts, list(positions), side="right") - 1
        return np.unique(found).tolist()
