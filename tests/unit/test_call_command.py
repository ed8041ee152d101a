"""`companion call …` as softphones run it: the caller id may be appended to the command."""

from __future__ import annotations

import argparse

import pytest

from companion.cli import build_parser
from companion.commands.call import build_request


def parse(argv: list[str]) -> argparse.Namespace:
    """As `companion.cli.main` parses: one trailing word goes to the command's `trailing`."""
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra:
        assert len(extra) == 1 and args.trailing
        setattr(args, args.trailing, extra[0])
    return args


@pytest.mark.parametrize(
    ("argv", "number"),
    [
        (["call", "start", "--number", "020 7946 0958"], "020 7946 0958"),
        (["call", "start", "--number"], None),  # argparse: --number needs a value
        (["call", "start", "5551234"], "5551234"),  # MicroSIP: `cmdCallStart=companion call start`
        (["call", "start", "sip:+442079460958@pbx.example.com"], "+442079460958"),
        (["call", "end", "5551234"], "5551234"),  # the end command gets the caller id too
        (["call", "start", "--number", "111", "sip:222@host"], "111"),
        (["call", "end"], ""),
    ],
)
def test_the_caller_id_a_softphone_appends_becomes_the_number(argv, number):
    if number is None:
        with pytest.raises(SystemExit):
            parse(argv)
        return
    request = build_request(parse(argv))
    assert request["number"] == number
    assert request["cmd"] == argv[1]


def test_other_commands_still_refuse_stray_words(tmp_path):
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-m", "companion", "--data-dir", str(tmp_path), "doctor", "extra"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 2 and "unrecognized arguments: extra" in out.stderr


def test_a_bad_date_is_one_line_naming_the_option(tmp_path):
    import subprocess
    import sys

    for args in (["export", "--since", "last week"], ["privacy", "purge", "--before", "11/23"]):
        out = subprocess.run(
            [sys.executable, "-m", "companion", "--data-dir", str(tmp_path), *args],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert out.returncode == 2
        assert out.stderr.count("\n") == 1 and "is not a date; use YYYY-MM-DD" in out.stderr


def test_main_hands_the_softphone_caller_id_to_the_request(app_home, monkeypatch, capsys):
    """Through the real `companion.cli.main` (only the IPC send is replaced): the trailing word
    a softphone appends reaches the request, `--number` still wins."""
    from companion.cli import main

    sent: list[dict[str, str]] = []

    def send(_name: str, request: dict[str, str]) -> dict[str, object]:
        sent.append(request)
        return {"ok": True, "phase": "live", "call_id": 7}

    monkeypatch.setattr("companion.ipc.channel.send", send)
    assert main(["call", "start", "sip:+442079460958@pbx.example.com"]) == 0
    assert main(["call", "start", "--number", "111", "sip:222@host"]) == 0
    assert main(["call", "end", "--direction", "inbound", "5551234"]) == 0  # after an option
    assert [r["number"] for r in sent] == ["+442079460958", "111", "5551234"]
    assert capsys.readouterr().out.splitlines() == ["companion: live (call 7)"] * 3
