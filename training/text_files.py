"""Text files as people make them: UTF-8 with or without a byte-order mark (Notepad, Excel's
CSV UTF-8), or GBK, which Chinese Windows tools save by default (read as GB18030, its superset).
A complaint desk's export then reads as it is instead of failing on its first line."""

import io
from pathlib import Path

from tickets.errors import TousuError

ENCODINGS = ("utf-8-sig", "gb18030")


def open_text(path: Path) -> io.StringIO:
    """The text of `path`, decoded as UTF-8 (a BOM dropped) or else as GB18030."""
    data = path.read_bytes()
    for encoding in ENCODINGS:
        try:
            return io.StringIO(data.decode(encoding), newline=None)
        except UnicodeDecodeError:
            continue
    raise TousuError(
        "file-encoding",
        f"{path} is neither UTF-8 nor GBK (GB18030) text.",
        "save it as UTF-8 (Excel: 另存为 CSV UTF-8; Notepad: 编码 UTF-8) and run again.",
    )
