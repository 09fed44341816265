"""What the features read of a batch of normalised texts: each text without what says nothing of
its category. Cues read the whole text.

The steps, in order: the sender's contact details (`models.contact_details`), the versions of
the system and the app they wrote from (`models.device_details`), a form's field labels
(`models.form_fields`), spoken fillers (`models.fillers`), a plea for a quick answer
(`models.generic_requests`), a clause that only asks for a remedy (`models.asks`) and the
praise of a text that turns (`models.contrast`).

Written for throughput: most texts need no step. So each step's guard is searched once over the
whole batch, joined (`models.joined_texts`: the same join the cues search), and tried only where
it may begin (`models.match_starts`, 3 % of throughput); a step runs only on the texts where its
guard was found in the normalised text.
"""

import re
from collections.abc import Callable

from models.asks import ASK_WORDS, without_asks
from models.contact_details import VALUE_MARKS, without_contact_details
from models.contrast import TURN_WORD, without_praise_if_turned
from models.device_details import VERSION_WORDS, without_device_details
from models.fillers import FILLER_WORDS, without_fillers
from models.form_fields import FIELD_MARKS, without_field_labels
from models.generic_requests import PLEA_WORDS, without_generic_requests
from models.joined_texts import JoinedTexts
from models.match_starts import MatchStarts

STEPS: tuple[tuple[re.Pattern[str], Callable[[str], str]], ...] = (
    (VALUE_MARKS, without_contact_details),
    (VERSION_WORDS, without_device_details),
    (FIELD_MARKS, without_field_labels),
    (FILLER_WORDS, without_fillers),
    (PLEA_WORDS, without_generic_requests),
    (ASK_WORDS, without_asks),
    (TURN_WORD, without_praise_if_turned),
)


GUARDS = MatchStarts([guard for guard, _ in STEPS])


def what_features_read(normalised: JoinedTexts) -> list[str]:
    """Each of the normalised texts without what says nothing of its category."""
    read = list(normalised.texts)
    for (_, step), found in zip(STEPS, GUARDS.finditer(normalised.text), strict=True):
        for index in normalised.owners(match.start() for match in found):
            read[index] = step(read[index])
    return read
