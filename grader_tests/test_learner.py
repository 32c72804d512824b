"""The learner's loop: list, hint, reset, solution, watch, interview mode, and languages.

Commands that write (reset, hint counters) run in a student copy made by `make release` in a
temporary folder, never in this repository's exercises/."""

from __future__ import annotations

import os
import re
import selectors
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from grader_tests.catalog import problems
from grader_tests.warm_kata import run_kata
from kata import EXERCISES_DIR, ROOT, SOLUTIONS_DIR
from kata.learner.commands import load_stubs

pytestmark = pytest.mark.timeout(300)


def run(*args: str, cwd: Path = ROOT, **env: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "KATA_DEVICE": "cpu", "KATA_LANG": "en", "PYTHONDONTWRITEBYTECODE": "1", **env}
    if cwd != ROOT:
        environment["KATA_STATE_DIR"] = str(cwd / ".kata")  # a student copy keeps its own state
    environment.pop("KATA_MODE", None) if "KATA_MODE" not in env else None
    return run_kata(list(args), env=environment, cwd=cwd)


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A fresh student copy of the kata to run learner commands in."""
    out = tmp_path / "kata"
    assert run("release", f"--out={out}").returncode == 0
    return out


def test_hints_grow_stronger_each_time(copy: Path) -> None:
    shown = [run("hint", "ex02", cwd=copy).stdout for _ in range(4)]
    assert [s.splitlines()[0] for s in shown[:3]] == [
        f"Hint {i}/3 for ex02_batch (A batch as one tensor):" for i in (1, 2, 3)
    ]
    assert "last hint" in shown[2] and shown[3] == shown[2]
    current = run("hint", cwd=copy).stdout
    assert current.startswith("Hint 1/3 for ex01_one_hot"), "without EX: the first exercise not passing"


def test_reset_keeps_a_backup_and_restores_the_stub(copy: Path) -> None:
    refused = run("reset", cwd=copy)
    assert refused.returncode == 2 and "python -m kata reset ex02" in refused.stderr
    mine = "def make_batch(words, vocab, device=None):\n    return 'my work'\n"
    (copy / "exercises" / "ex02_batch.py").write_text(mine)
    proc = run("reset", "ex02", cwd=copy)
    assert proc.returncode == 0, proc.stderr
    backups = list((copy / ".kata" / "backups").glob("ex02_batch.*.py"))
    assert len(backups) == 1 and backups[0].read_text() == mine
    assert str(backups[0].relative_to(copy)) in proc.stdout
    assert (copy / "exercises" / "ex02_batch.py").read_text() == (EXERCISES_DIR / "ex02_batch.py").read_text()
    run("reset", "ex02", cwd=copy)
    assert len(list((copy / ".kata" / "backups").glob("ex02_batch.*.py"))) == 2, (
        "a second reset never overwrites a backup"
    )


def test_solution_only_once_the_exercise_passes(tmp_path: Path) -> None:
    before = run("solution", "ex04")
    assert before.returncode == 1 and "does not pass yet" in before.stdout
    forced = run("solution", "ex04", "--force")
    assert forced.returncode == 0 and "def rnn_shapes" in forced.stdout and "+++ reference" in forced.stdout
    assert run("solution", "ex04", KATA_MODE="interview").returncode == 2


def test_a_student_copy_has_no_solution_to_show(copy: Path) -> None:
    proc = run("solution", "ex01", "--force", cwd=copy)
    assert proc.returncode == 2 and "no reference solutions" in proc.stderr


def test_interview_mode_times_exercises_and_hides_hints(copy: Path) -> None:
    proc = run("test", "ex01", "ex02", cwd=copy, KATA_MODE="interview")
    assert re.search(r"One-hot encoding  \(\d+:\d\d\)", proc.stdout), proc.stdout
    assert "is not written yet" in proc.stdout
    assert "Start here" not in proc.stdout, "a stub's own NotImplementedError text is a hint: none in interview mode"
    assert "Start here" in run("test", "ex01", cwd=copy).stdout, "outside interview mode the stub's hint shows"
    hint = run("hint", cwd=copy, KATA_MODE="interview")
    assert hint.returncode == 2 and "interview mode" in hint.stderr


def test_watch_regrades_on_save_and_survives_broken_code(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    shutil.copytree(SOLUTIONS_DIR, tree)
    env = {**os.environ, "KATA_DEVICE": "cpu", "KATA_LANG": "en", "PYTHONDONTWRITEBYTECODE": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "kata", "watch", f"--impl={tree}", "ex01", "ex02"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    selector = selectors.DefaultSelector()
    selector.register(proc.stdout, selectors.EVENT_READ)
    seen = ""

    def wait_for(needle: str, limit: float = 60) -> None:
        nonlocal seen
        deadline = time.monotonic() + limit
        while needle not in seen:
            assert time.monotonic() < deadline, f"no {needle!r} in:\n{seen[-2000:]}"
            if selector.select(timeout=0.1):
                seen += os.read(proc.stdout.fileno(), 65536).decode(errors="replace")

    try:
        wait_for("Watching")
        good = (tree / "ex02_batch.py").read_text()
        (tree / "ex02_batch.py").write_text("def make_batch(words, vocab, device=None)\n    pass\n")
        wait_for("FAIL ex02_batch: 0/")
        wait_for("SyntaxError")
        (tree / "ex02_batch.py").write_text(good)
        wait_for("PASS ex02_batch: ")
        assert proc.poll() is None, "watch keeps running"
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_every_text_has_its_korean_translation() -> None:
    missing = problems("ko")
    assert not missing, "run `python -m grader_tests.catalog ko` and translate:\n" + "\n".join(missing[:20])


def test_reset_stubs_match_the_exercises() -> None:
    stubs = load_stubs()
    current = {p.stem: p.read_text(encoding="utf-8") for p in EXERCISES_DIR.glob("ex*.py")}
    assert stubs == current, "exercises/ changed: run `python -m kata freeze-stubs` so `make reset` restores it"


def test_solution_shown_once_the_exercise_passes(tmp_path: Path) -> None:
    """In a maintainer's checkout (solutions/ present) with ex04 solved by the learner."""
    checkout = tmp_path / "checkout"
    shutil.copytree(
        ROOT, checkout, ignore=shutil.ignore_patterns(".venv", ".git", ".kata", "grader_tests", "__pycache__", "*.pyc")
    )
    (checkout / "exercises" / "ex04_shapes.py").write_text((SOLUTIONS_DIR / "ex04_shapes.py").read_text() + "# mine\n")
    proc = run("solution", "ex04", cwd=checkout)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Reference solution: solutions/ex04_shapes.py" in proc.stdout and "-# mine" in proc.stdout


def test_make_targets_reach_the_commands(copy: Path) -> None:
    """The Makefile wiring, with the install step marked done and this interpreter as PY."""
    (copy / ".venv").mkdir()
    (copy / ".venv" / ".installed").touch()
    env = {**os.environ, "KATA_DEVICE": "cpu", "KATA_LANG": "en", "KATA_STATE_DIR": str(copy / ".kata")}

    def make(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["make", "-s", *args, f"PY={sys.executable}"],
            cwd=copy,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )

    failing = make("test")
    assert failing.returncode != 0 and "Open exercises/ex01_one_hot.py" in failing.stdout
    assert "modified" not in failing.stderr, "a fresh copy's grading files are its pristine ones"
    assert make("reset").returncode != 0
    assert make("hint", "EX=ex03").stdout.startswith("Hint 1/3 for ex03_rnn")
    assert "not started" in make("list").stdout
