import pytest

from models.device_details import without_device_details
from models.normalise import normalise_text


def read(text: str) -> str:
    return " ".join(without_device_details(normalise_text(text)).split())


@pytest.mark.parametrize(
    ("text", "read_as"),
    [
        ("版本 5.2.1 / Android 13\n快递没到", "/ 快递没到"),
        ("iOS 17.2 App版本 8.3.0\n快递没到", "快递没到"),
        ("快递没到\n系统：Android 14 应用版本：6.1.0", "快递没到"),
        ("快递没到（App v2.3.5）", "快递没到( )"),
        ("鸿蒙 4.0，退款没到", ",退款没到"),
    ],
)
def test_a_version_between_breaks_comes_off(text: str, read_as: str) -> None:
    assert read(text) == read_as


@pytest.mark.parametrize(
    "text",
    [
        "升级到iOS 17后一直闪退",  # the version is part of what happened
        "安卓12系统卡顿",
        "新版本界面太难用了",  # no number: the words are the complaint
        "用的是iPhone 15",  # the phone named stays: some complaints are about it
        "iOS 17.2",  # nothing else to read: the text stays whole
    ],
)
def test_a_version_inside_the_complaint_stays(text: str) -> None:
    assert without_device_details(normalise_text(text)) == normalise_text(text)
