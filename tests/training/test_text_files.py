from pathlib import Path

import pytest

from tickets.errors import TousuError
from training.text_files import open_text

LINES = '{"id": "1", "text": "快递三天没到"}\n{"id": "2", "text": "屏幕碎了"}\n'


@pytest.mark.parametrize(
    "data",
    [
        LINES.encode("utf-8"),
        b"\xef\xbb\xbf" + LINES.encode("utf-8"),  # Notepad's and Excel's UTF-8 with a BOM
        LINES.encode("gbk"),  # what Chinese Windows tools save by default
        LINES.replace("\n", "\r\n").encode("gb18030"),
    ],
)
def test_utf8_with_or_without_bom_and_gbk_read_alike(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(data)
    with open_text(path) as handle:
        assert handle.read() == LINES


def test_neither_utf8_nor_gbk_names_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(b"\x80\xff\xfe binary")
    with pytest.raises(TousuError) as caught:
        open_text(path)
    assert caught.value.code == "file-encoding" and "UTF-8" in caught.value.fix
