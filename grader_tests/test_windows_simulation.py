"""Native Windows lacks pwd, grp, resource, fcntl and termios, and os.fork (facts: Python's
docs). This runs the grader on Linux as Windows would see it: those modules refused in every
process (a sitecustomize.py on PYTHONPATH, which the spawned judges and workers keep too),
os.fork gone and spawn forced. The grade must come out as on Linux, and the report must say which
Unix-only protections are off. What it cannot simulate (Popen's pass_fds, selectors on pipes,
SIGALRM) needs a real Windows machine: the workflow's windows job."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kata import ROOT, SOLUTIONS_DIR

pytestmark = pytest.mark.timeout(400)

BLOCKER = """
import os
import sys

REFUSED = {"pwd", "grp", "resource", "fcntl", "termios"}
for name in REFUSED:
    sys.modules.pop(name, None)


class RefuseUnixOnly:
    def find_spec(self, name, path=None, target=None):
        if name in REFUSED:
            raise ModuleNotFoundError(f"No module named {name!r} (simulated Windows)", name=name)
        return None


sys.meta_path.insert(0, RefuseUnixOnly())
for attribute in ("fork", "geteuid"):
    if hasattr(os, attribute):
        delattr(os, attribute)
marks = os.environ.get("KATA_SIMULATION_MARKS")
if marks:
    with open(os.path.join(marks, str(os.getpid())), "w") as mark:
        mark.write(" ".join(getattr(sys, "orig_argv", sys.argv)))
"""


def run(copy: Path, marks: Path, *args: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "PYTHONPATH": str(copy),
        "KATA_START": "spawn",
        "KATA_DEVICE": "cpu",
        "KATA_LANG": "en",
        "KATA_JOBS": "2",
        "KATA_STATE_DIR": str(copy / ".kata"),
        "KATA_SIMULATION_MARKS": str(marks),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    env.pop("KATA_LAUNCHER", None)
    return subprocess.run(
        [sys.executable, "-m", "kata", *args], cwd=copy, env=env, capture_output=True, text=True, timeout=380
    )


def test_the_grader_runs_without_unix_only_modules(tmp_path: Path) -> None:
    copy, marks = tmp_path / "kata", tmp_path / "marks"
    marks.mkdir()
    made = subprocess.run([sys.executable, "-m", "kata", "release", f"--out={copy}"], capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    (copy / "sitecustomize.py").write_text(BLOCKER, encoding="utf-8")
    probe = run(copy, marks, "--help")
    assert probe.returncode == 0, probe.stderr
    refused = subprocess.run(
        [sys.executable, "-c", "import pwd"], env={**os.environ, "PYTHONPATH": str(copy)}, capture_output=True
    )
    assert refused.returncode != 0 and b"simulated Windows" in refused.stderr, "the simulation is not in force"

    (copy / "exercises" / "ex01_one_hot.py").write_text((SOLUTIONS_DIR / "ex01_one_hot.py").read_text())
    wrong = (ROOT / "grader_tests" / "readme_sample" / "ex02_batch.py").read_text()
    (copy / "exercises" / "ex02_batch.py").write_text(wrong)
    for mark in marks.iterdir():
        mark.unlink()
    graded = run(copy, marks, "test", "ex01", "ex02")
    assert graded.returncode == 1, graded.stdout + graded.stderr
    assert "Traceback" not in graded.stdout + graded.stderr, graded.stderr
    lines = graded.stdout.splitlines()
    assert any(line.split()[:2] == ["done", "ex01_one_hot"] for line in lines), graded.stdout
    assert any(line.split()[:2] == ["failing", "ex02_batch"] for line in lines), graded.stdout
    assert "The batch and seq_len axes look swapped" in graded.stdout
    assert "without a privilege drop or resource limits" in " ".join(graded.stderr.split()), graded.stderr
    started = [mark.read_text() for mark in marks.iterdir()]
    assert sum("kata.engine.judge" in s for s in started) >= 2, started  # spawned judges
    assert any("kata.engine.worker" in s for s in started), started  # spawned workers

    hint = run(copy, marks, "hint", "ex02")
    assert hint.returncode == 0 and "python -m kata hint ex02" in hint.stdout, hint.stdout + hint.stderr
    reset = run(copy, marks, "reset", "ex02")
    assert reset.returncode == 0, reset.stderr
    assert list((copy / ".kata" / "backups").glob("ex02_batch.*.py"))
    explain = run(copy, marks, "explain", "ex03")
    assert explain.returncode == 0 and "batch_first" in explain.stdout
