"""`companion --version`, `doctor` and `devices` from a fresh install, in real processes."""

from __future__ import annotations

import os
import subprocess
import sys

from companion import __version__


def companion(*args, env=None, home):
    return subprocess.run(
        [sys.executable, "-m", "companion", "--data-dir", str(home), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def test_version(tmp_path):
    out = companion("--version", home=tmp_path)
    assert out.returncode == 0 and out.stdout.strip() == f"companion {__version__}"


def test_doctor_reports_platform_audio_model_folders_and_config(tmp_path):
    machine = tmp_path / "machine.toml"
    machine.write_text('locked = ["notes.folder"]\n[notes]\nfolder = "/srv/notes"\n')
    env = dict(os.environ, COMPANION_MACHINE_CONFIG=str(machine), COMPANION_MODEL="none")
    out = companion("doctor", env=env, home=tmp_path / "home")
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert text.splitlines()[-1] == "doctor: no errors"
    for expected in (
        "platform:",
        "python:",
        "host APIs:",
        "speech model:",
        "audio-only",
        "word cues (phrase packs):\n  en: version 2026.",
        f"data:    {tmp_path / 'home' / 'data'}",
        f"machine: {machine} (in effect)",
        "notes.folder = '/srv/notes'  ← machine (locked)",
    ):
        assert expected in text, f"{expected!r} missing from doctor output:\n{text}"
    # --data-dir moves every folder: nothing was written outside it.
    assert sorted(p.name for p in (tmp_path / "home").iterdir()) == [
        "cache",
        "config",
        "data",
        "logs",
    ]


def test_no_input_device_at_all_still_runs_and_says_so(tmp_path):
    # This machine has no sound card: with no sound server to reach, no input exists at all.
    env = {k: v for k, v in os.environ.items() if k != "ALSA_CONFIG_PATH"}
    env.update(PULSE_SERVER=f"unix:{tmp_path}/no-such-socket", XDG_RUNTIME_DIR=str(tmp_path))
    out = companion("devices", env=env, home=tmp_path / "home")
    assert out.returncode == 0, out.stderr
    assert "agent channel: no input device found: plug in a headset" in out.stdout
    doctor = companion("doctor", env=env, home=tmp_path / "home")
    assert doctor.returncode == 0
    assert "input devices: none" in doctor.stdout


def test_a_broken_user_config_is_reported_in_one_line_and_the_command_still_runs(tmp_path):
    home = tmp_path / "home"
    (home / "config").mkdir(parents=True)
    (home / "config" / "config.toml").write_text("[ui\n")
    out = companion("doctor", home=home)
    assert out.returncode == 1  # the agent's own settings are not what they meant
    assert out.stdout.splitlines()[-1] == "doctor: 1 error: fix the 'error:' lines above"
    problem_lines = [line for line in out.stderr.splitlines() if "config problem" in line]
    assert len(problem_lines) == 1 and "config.toml:1" in problem_lines[0]


def test_log_and_crash_reports_are_private(tmp_path):
    from companion.logsetup import setup_logging, write_crash_report
    from companion.paths import resolve_paths

    paths = resolve_paths(tmp_path / "home").ensure()
    logfile = setup_logging(paths)
    import logging

    logging.getLogger("companion.test").warning("hello")
    report = write_crash_report(paths, "Traceback: boom")
    assert logfile.stat().st_mode & 0o777 == 0o600
    assert report.stat().st_mode & 0o777 == 0o600
    assert report.read_text() == "Traceback: boom"
    for handler in list(logging.getLogger().handlers):
        if getattr(handler, "_companion", False):
            logging.getLogger().removeHandler(handler)
            handler.close()


def test_doctor_runs_where_the_data_folders_cannot_be_created_and_names_the_folder(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("a regular file where a folder should be")
    home = blocker / "home"
    out = companion("doctor", home=home)
    assert out.returncode == 1, out.stderr
    assert out.stdout.splitlines()[-1] == "doctor: 1 error: fix the 'error:' lines above"
    expected = (
        f"  error: cannot create the data folder {home / 'data'} (Not a directory); "
        "pass --data-dir (or set COMPANION_HOME) to a writable folder"
    )
    assert expected in out.stdout.splitlines(), out.stdout
    assert f"data:    {home / 'data'}  (missing)" in out.stdout
    # any other command still refuses, with the same line
    export = companion("export", home=home)
    assert export.returncode == 1 and expected.removeprefix("  error: ") in export.stderr


def test_doctor_names_an_active_profile_that_is_missing_or_broken_and_the_fix(tmp_path):
    home = tmp_path / "home"
    (home / "config" / "profiles").mkdir(parents=True)
    user_config = home / "config" / "config.toml"
    user_config.write_text('format = 1\n[profiles]\nactive = "nosuch"\n')
    missing = companion("doctor", home=home)
    assert missing.returncode == 1, missing.stderr
    lines = [line for line in missing.stdout.splitlines() if "active profile" in line]
    assert len(lines) == 1, missing.stdout
    assert "'nosuch' cannot be used: nosuch: no such profile" in lines[0]
    assert "companion profiles use NAME" in lines[0]

    broken = home / "config" / "profiles" / "team.toml"
    broken.write_text("format = 1\n[budget]\nshow_s = true\n")
    user_config.write_text('format = 1\n[profiles]\nactive = "team"\n')
    out = companion("doctor", home=home)
    assert out.returncode == 1
    lines = [line for line in out.stdout.splitlines() if "active profile" in line]
    assert len(lines) == 1, out.stdout
    assert f"'team' cannot be used: {broken}:3: budget.show_s: must be a number" in lines[0]
    assert "companion profiles use NAME" in lines[0]

    user_config.write_text('format = 1\n[profiles]\nactive = "standard"\n')
    good = companion("doctor", home=home)
    assert good.returncode == 0 and good.stdout.endswith("doctor: no errors\n")
    assert "  active: standard (" in good.stdout and "active profile" not in good.stdout
