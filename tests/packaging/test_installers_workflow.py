"""The installers workflow runs what only Windows and macOS can run: a guard against a native
test or the bundle smoke test silently dropping out of a job (which no Linux run would notice)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "installers.yml"


def _job_text(job: str) -> str:
    jobs = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]
    return "\n".join(str(step.get("run", "")) for step in jobs[job]["steps"])


def test_every_native_test_is_run_by_its_os_job() -> None:
    for job, prefix in (("windows", "test_windows_"), ("macos", "test_macos_")):
        text = _job_text(job)
        files = sorted((ROOT / "tests" / "platform").glob(f"{prefix}*.py"))
        assert files, f"no {prefix}*.py tests"
        whole_folder = re.search(r"tests/platform(?=[\s`]|$)", text, re.MULTILINE)
        for path in files:
            named = path.relative_to(ROOT).as_posix() in text
            assert named or whole_folder, f"{path.name} is not run on {job}"


def test_both_jobs_use_the_bundle_as_a_desk_would() -> None:
    for job in ("windows", "macos"):
        text = _job_text(job)
        assert "installers/bundle_smoke.py" in text, job
        assert "--self-test" in text or "build.sh" in text or "build.ps1" in text, job
