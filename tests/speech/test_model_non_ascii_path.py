"""The path handed to Vosk: on Windows a non-ASCII folder goes through its short 8.3 name.

Vosk's core reads the path in the ANSI code page on Windows (alphacep/vosk-api#1072), so
`C:\\Users\\José Müller\\…` is not found. Here the short-path function is injected; the real
GetShortPathNameW and a real load are tested on Windows (tests/platform/test_windows_*.py).
"""

from __future__ import annotations

from pathlib import PureWindowsPath

import pytest

from companion.speech.models import ModelLoadError, path_vosk_can_open

JOSE = PureWindowsPath(r"C:\Users\José Müller\AppData\Local\CallCompanion\models\vosk-en")


def test_elsewhere_than_windows_the_path_is_used_as_it_is():
    assert path_vosk_can_open(JOSE, None) == str(JOSE)  # Linux and macOS open UTF-8 paths


def test_an_ascii_path_is_never_shortened():
    def short(_: str) -> str:
        raise AssertionError("no short path is needed")

    ascii_path = PureWindowsPath(r"C:\ProgramData\CallCompanion\models\vosk-en")
    assert path_vosk_can_open(ascii_path, short) == str(ascii_path)


def test_a_non_ascii_path_goes_through_its_short_name():
    asked: list[str] = []

    def short(path: str) -> str:
        asked.append(path)
        return r"C:\Users\JOSMLL~1\AppData\Local\CALLCO~1\models\vosk-en"

    assert (
        path_vosk_can_open(JOSE, short)
        == r"C:\Users\JOSMLL~1\AppData\Local\CALLCO~1\models\vosk-en"
    )
    assert asked == [str(JOSE)]


@pytest.mark.parametrize(
    "short",
    [
        None,  # GetShortPathNameW failed
        r"C:\Users\José Müller\AppData\Local\CallCompanion\models\vosk-en",  # no 8.3 names here
        r"C:\Users\JOSÉMÜ~1\AppData\Local\CALLCO~1\models\vosk-en",  # 8.3 names keep OEM letters
    ],
)
def test_without_an_ascii_short_name_the_error_is_one_line_naming_the_fix(short):
    with pytest.raises(ModelLoadError) as err:
        path_vosk_can_open(JOSE, lambda _: short)
    message = str(err.value)
    assert "\n" not in message and message.startswith(f"{JOSE}: ")
    assert r"C:\ProgramData\CallCompanion\models" in message and "speech.model_dirs" in message
