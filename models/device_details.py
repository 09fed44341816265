"""The versions of the system and the app a complaint was sent from come off the features:
iOS 17.2, Android 13, App版本 8.3.0, v2.3.5.

An app's feedback form appends them to every message, whatever it is about, yet the labelled
data has them only in complaints about software, so a line such as [App反馈] 版本 5.2.1 /
Android 13 moved one category in fifteen, most to `quality`. Only a version with its number
comes off, and only between breaks: 升级到iOS 17后一直闪退 stays, and so does the phone named
(iPhone 15), which is what some complaints are about. Cues read the whole text.

Matched on normalised text (lower case, half-width), guarded by one search for the words a
version needs, which most complaints lack.
"""

import re

# a text without one of these names no version: a cheap test before the full pattern (ver finds
# version too)
VERSION_WORDS = re.compile(r"ios|android|安卓|鸿蒙|harmonyos|版本|ver|v\d")
_EDGE = r"[,.!?;:~、。…\s/()\[\]【】]"
VERSION = re.compile(
    rf"(?:^|(?<={_EDGE}))"
    r"(?:(?:(?:操作)?系统(?:版本)?\s?:?\s?)?(?:ios|android|安卓|鸿蒙|harmonyos)\s?v?\d+(?:\.\d+)*"
    r"|(?:app|应用|客户端|软件)?\s?(?:版本号?|version|ver)\s?:?\s?v?\d+(?:\.\d+)+"
    r"|(?:app\s?)?v\d+(?:\.\d+)+)"
    rf"(?={_EDGE}|$)"
)


def without_device_details(text: str) -> str:
    """The text without the versions of its system and app; the whole text if nothing else."""
    if not VERSION_WORDS.search(text):
        return text
    kept = VERSION.sub(" ", text)
    return kept if kept.strip() else text
