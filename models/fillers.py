"""Spoken fillers come off the features: 喂你好，就是那个，快递没到，嗯，就这样.

A complaint transcribed from a call or a voice message keeps the caller's fillers, and the
labelled data, all of it typed, has almost none (4 texts). So the model read the words inside
them as content: 嗯，就这样 after a complaint moved one category in fifteen, most from
`delivery` to `quality`, as 就这样 closes the reviews' shrugs (一般般，就这样吧). Only a clause
that is nothing but a filler comes off; 质量就这样 stays. Cues read the whole text.
"""

import re

from models.clauses import without_whole_clauses

# a text without one of these has no filler: a cheap test before cutting it into clauses (the
# fillers that are also words of content, 额 and 那个, only where a clause ends after them)
FILLER_WORDS = re.compile(
    "嗯|恩|呃|喂|额,|额 |那个,|那个 |就是那个|然后,|然后呢|就这样|就是这样|就这些|是这样的|怎么说"
)
FILLER = re.compile(
    r"嗯+|恩+|呃+|额+|喂|喂你好|那个|就是那个|然后呢?|就这样子?吧?|就是这样子?|就这些"
    r"|是这样的|怎么说呢"
)


def without_fillers(text: str) -> str:
    """The text without the clauses that are only a spoken filler."""
    return without_whole_clauses(text, FILLER_WORDS, FILLER)
