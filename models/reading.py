"""What the features read of a batch of normalised texts: each text without what says nothing of
its category. Cues read the whole text.

The steps, in order: the sender's contact details (`models.contact_details`), the versions of
the system and the app they wrote from (`models.device_details`), a form's field labels
(`models.form_fields`), spoken fillers (`models.fillers`), a plea for a quick answer
(`models.generic_requests`) and the praise of a text that turns (`models.contrast`).

Written for throughput: most texts need no step, and calling a step's guard once per text cost
more than the steps themselves. So each guard is searched once over the whole batch, and a step
runs only on the texts where its guard was found in the normalised text.
"""

import re
from collections.abc import Callable, Sequence

import numpy as np

from models.contact_details import VALUE_MARKS, without_contact_details
from models.contrast import TURN_WORD, without_praise_if_turned
from models.device_details import VERSION_WORDS, without_device_details
from models.fillers import FILLER_WORDS, without_fillers
from models.form_fields import FIELD_MARKS, without_field_labels
from models.generic_requests import PLEA_WORDS, without_generic_requests
from models.normalise import SEPARATOR

STEPS: tuple[tuple[re.Pattern[str], Callable[[str], str]], ...] = (
    (VALUE_MARKS, without_contact_details),
    (VERSION_WORDS, without_device_details),
    (FIELD_MARKS, without_field_labels),
    (FILLER_WORDS, without_fillers),
    (PLEA_WORDS, without_generic_requests),
    (TURN_WORD, without_praise_if_turned),
)


def what_features_read(normalised: Sequence[str]) -> list[str]:
    """Each normalised text (`models.normalise`: none holds SEPARATOR) without what says
    nothing of its category."""
    read = list(normalised)
    joined = SEPARATOR.join(read)
    starts = np.cumsum([0] + [len(text) + 1 for text in read[:-1]])
    for guard, step in STEPS:
        found = [found.start() for found in guard.finditer(joined)]
        for index in np.unique(np.searchsorted(starts, found, side="right") - 1).tolist():
            read[index] = step(read[index])
    return read
