"""Config files in every encoding Windows tools write, read from real files.

Notepad and PowerShell 7 (`utf8BOM`) write UTF-8 with a BOM, PowerShell 5's `Out-File` writes
UTF-16 LE with a BOM, `Set-Content` may write the ANSI code page. Each BOM'd form must read
exactly like plain UTF-8; anything that is neither is refused in one line naming the file and
the fix, never guessed.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from companion.config.layers import load_config
from companion.config.tomlfile import TomlError, read_toml

MACHINE = (
    'format = 1\r\nlocked = ["privacy.store_transcripts", "ui.theme"]\r\n'
    "# Réglages de l'équipe — café\r\n"
    '[privacy]\r\nstore_transcripts = false\r\n[ui]\r\ntheme = "light"\r\n'
)
USER = "format = 1\nprivacy.store_transcripts = true\nui.theme = 'dark'\n"

WINDOWS_ENCODINGS = {
    "utf-8 (plain)": b"" + MACHINE.encode("utf-8"),
    "utf-8 with BOM (Notepad)": codecs.BOM_UTF8 + MACHINE.encode("utf-8"),
    "utf-16 LE with BOM (Out-File)": codecs.BOM_UTF16_LE + MACHINE.encode("utf-16-le"),
    "utf-16 BE with BOM": codecs.BOM_UTF16_BE + MACHINE.encode("utf-16-be"),
    "utf-32 LE with BOM": codecs.BOM_UTF32_LE + MACHINE.encode("utf-32-le"),
}


@pytest.mark.parametrize("raw", WINDOWS_ENCODINGS.values(), ids=WINDOWS_ENCODINGS.keys())
def test_every_bom_form_reads_like_plain_utf8(tmp_path: Path, raw: bytes) -> None:
    machine = tmp_path / "config.toml"
    machine.write_bytes(raw)
    user = tmp_path / "user.toml"
    user.write_text(USER, encoding="utf-8")
    config = load_config(machine, user)
    assert config.problems == []
    assert config.lookup("privacy.store_transcripts") == (False, f"machine (locked) {machine}")
    assert config.get("ui.theme") == "light"
    _table, text = read_toml(machine)
    assert "café" in text and not text.startswith("\ufeff")


def test_powershell_out_file_default_is_read(tmp_path: Path) -> None:
    """Python's 'utf-16' codec writes the BOM and native order, as `Out-File` does on x86."""
    machine = tmp_path / "config.toml"
    machine.write_text(MACHINE, encoding="utf-16")
    assert read_toml(machine)[0]["ui"]["theme"] == "light"


def test_ansi_code_page_is_refused_with_the_fix(tmp_path: Path) -> None:
    machine = tmp_path / "config.toml"
    machine.write_bytes(MACHINE.replace("—", "-").encode("cp1252"))  # Set-Content, Windows-1252
    with pytest.raises(TomlError) as caught:
        read_toml(machine)
    message = str(caught.value)
    assert message.startswith(f"{machine}:3: not valid UTF-8 (byte 0xe9)")
    assert "save it as UTF-8" in message and "\n" not in message


def test_utf16_without_a_bom_is_refused_not_parsed_as_nul_soup(tmp_path: Path) -> None:
    machine = tmp_path / "config.toml"
    machine.write_bytes("format = 1\n".encode("utf-16-le"))
    with pytest.raises(TomlError, match=r"config.toml:1: not UTF-8 \(NUL bytes.*save it as UTF-8"):
        read_toml(machine)


def test_a_damaged_utf16_file_names_its_encoding(tmp_path: Path) -> None:
    machine = tmp_path / "config.toml"
    machine.write_bytes(codecs.BOM_UTF16_LE + "format = 1\n".encode("utf-16-le") + b"\x00\xdc")
    with pytest.raises(TomlError, match=r"not valid UTF-16-LE \(by its byte-order mark\)"):
        read_toml(machine)


def test_profiles_are_read_through_the_same_decoder(tmp_path: Path) -> None:
    from companion.config.profiles import read_profile

    profile = tmp_path / "notepad.toml"
    profile.write_bytes(codecs.BOM_UTF8 + b"format = 1\n[budget]\nmax_per_call = 5\n")
    loaded, problems = read_profile(profile)
    assert loaded is not None, problems
    assert loaded.values["budget.max_per_call"] == 5


def test_written_files_stay_plain_utf8(tmp_path: Path) -> None:
    user = tmp_path / "user.toml"
    config = load_config(tmp_path / "none.toml", user)
    config.set_user("notes.folder", "C:\\Users\\agnès\\notes")
    raw = user.read_bytes()
    assert not raw.startswith(codecs.BOM_UTF8)
    assert "agnès".encode() in raw
