"""A student copy as a learner meets it (issue 11): its own README and Makefile say only what
is true in it, and every learner command is run through the copy's own Makefile.

The copies get this interpreter as PY and a marked-done install step, so no test builds a venv."""

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

from kata import ROOT, SOLUTIONS_DIR

pytestmark = pytest.mark.timeout(300)
MAINTAINER_ONLY = (
    "solutions/",
    "hidden_tests",
    "grader_tests",
    "bench/",
    "make check",
    "make autograder",
    "make bench",
)


def release(out: Path, *extra: str) -> Path:
    """`make release OUT=out` through the kata's own Makefile, then a learner's set-up."""
    proc = make("release", f"OUT={out}", *extra, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (out / ".venv").mkdir()
    (out / ".venv" / ".installed").touch()
    return out


def make(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "KATA_DEVICE": "cpu", "KATA_LANG": "en", "KATA_STATE_DIR": str(cwd / ".kata")}
    return subprocess.run(
        ["make", "-s", *args, f"PY={sys.executable}"], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


@pytest.fixture(scope="module")
def course_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return release(tmp_path_factory.mktemp("course") / "kata")


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    return release(tmp_path / "kata")


def documented_targets(readme: str) -> set[str]:
    return set(re.findall(r"`make ([a-z-]+)", readme))


def test_a_course_copy_describes_only_what_it_holds(course_copy: Path) -> None:
    for name in ("README.md", "README.ko.md"):
        text = (course_copy / name).read_text(encoding="utf-8")
        assert "<!--" not in text, f"{name} keeps the release marks"
        for absent in (*MAINTAINER_ONLY, "make solution", "IMPL=solutions"):
            assert absent not in text, f"{name} of a student copy mentions {absent!r}"
    readme = (course_copy / "README.md").read_text(encoding="utf-8")
    assert "make test" in readme and "make watch" in readme and "make hint" in readme
    assert not (course_copy / "solutions").exists()


def test_a_course_copy_offers_only_what_works(course_copy: Path) -> None:
    makefile = (course_copy / "Makefile").read_text(encoding="utf-8")
    for target in ("check", "bench", "autograder", "solution", "release", "grade-all"):
        assert not re.search(rf"^{target}:", makefile, re.M), f"the copy's Makefile offers make {target}"
    for target in documented_targets((course_copy / "README.md").read_text(encoding="utf-8")):
        assert re.search(rf"^{target}:", makefile, re.M), f"the copy's README documents make {target}, not there"
    last_hint = [make("hint", "EX=ex04", cwd=course_copy).stdout for _ in range(3)][-1]
    assert "last hint" in last_hint and "make solution" not in last_hint


def test_a_self_study_copy_shows_the_reference_once_an_exercise_passes(tmp_path: Path) -> None:
    copy = release(tmp_path / "kata", "SOLUTIONS=yes")
    readme = (copy / "README.md").read_text(encoding="utf-8")
    assert "make solution" in readme and "hidden_tests" not in readme and "<!--" not in readme
    assert re.search(r"^solution:", (copy / "Makefile").read_text(encoding="utf-8"), re.M)
    before = make("solution", "EX=ex04", cwd=copy)
    assert before.returncode != 0 and "does not pass yet" in before.stdout
    shutil.copy(SOLUTIONS_DIR / "ex04_shapes.py", copy / "exercises")
    after = make("solution", "EX=ex04", cwd=copy)
    assert after.returncode == 0 and "def rnn_shapes" in after.stdout, after.stdout + after.stderr
    last_hint = [make("hint", "EX=ex05", cwd=copy).stdout for _ in range(3)][-1]
    assert "make solution" in last_hint


def test_explain_reads_the_pristine_stub_whatever_the_learner_did(copy: Path) -> None:
    mine = copy / "exercises" / "ex03_rnn.py"
    mine.write_text("import torch\n\n\ndef build_rnn(input_size, hidden_size, device=None):\n    pass\n")
    no_docstring = make("explain", "EX=ex03", cwd=copy)
    assert no_docstring.returncode == 0, no_docstring.stderr
    assert "batch_first=True" in no_docstring.stdout and "Traceback" not in no_docstring.stderr
    mine.write_text('"""MY OWN NOTES"""\n')
    edited = make("explain", "EX=ex03", cwd=copy)
    assert "MY OWN NOTES" not in edited.stdout and "Exercise 03" in edited.stdout


def test_ex_chooses_exercises_by_number_in_any_case(copy: Path) -> None:
    """EX= reaches the command through make, in any case: one real `make test` grades the
    exercise alone, one `make list` lists it alone. Every other spelling is checked in the fast
    tier (test_core.py, test_every_spelling_of_an_exercise_chooses_it) against the one resolver
    every command uses: here each spelling cost a real interpreter and its imports (4 s each)."""
    proc = make("test", "EX=EX02", cwd=copy)
    assert "ex02_batch" in proc.stdout and "ex01_one_hot" not in proc.stdout, proc.stdout[:500]
    listed = make("list", "EX=Ex03", cwd=copy).stdout
    assert "ex03_rnn" in listed and "ex02_batch" not in listed
    hint = make("hint", "EX=ex07", cwd=copy).stdout
    assert "make hint EX=ex07" in hint, hint


def test_one_chosen_exercise_shows_every_distinct_failure(copy: Path) -> None:
    (copy / "exercises" / "ex04_shapes.py").write_text(
        "def rnn_shapes(batch_size, seq_len, input_size, hidden_size, num_layers=1, batch_first=True):\n"
        "    return {'input': (batch_size, seq_len, input_size), 'output': (batch_size, seq_len, hidden_size),\n"
        "            'h_n': (1, batch_size, hidden_size)}\n"
    )
    chosen = make("test", "EX=ex04", cwd=copy).stdout
    assert "time-major" in chosen and "num_layers" in chosen.split("x rnn_shapes", 2)[-1], chosen


def test_a_cut_flood_of_output_says_it_was_cut(copy: Path) -> None:
    shutil.copy(SOLUTIONS_DIR / "ex01_one_hot.py", copy / "exercises")
    (copy / "exercises" / "ex02_batch.py").write_text(
        "def make_batch(words, vocab, device=None):\n"
        "    for i in range(400):\n"
        "        print('debug line', i, 'x' * 40)\n"
        "    raise ValueError('not yet')\n"
    )
    out = make("test", "EX=ex02", cwd=copy).stdout
    assert "Your code printed:" in out and "more characters of output not shown" in out, out[-2000:]


def test_watch_regrades_the_exercises_that_import_the_saved_one(copy: Path) -> None:
    for source in SOLUTIONS_DIR.glob("ex0[12]*.py"):
        shutil.copy(source, copy / "exercises")
    env = {**os.environ, "KATA_DEVICE": "cpu", "KATA_LANG": "en", "KATA_STATE_DIR": str(copy / ".kata")}
    proc = subprocess.Popen(
        ["make", "-s", "watch", "EX=ex01 ex02", f"PY={sys.executable}"],
        cwd=copy,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    selector = selectors.DefaultSelector()
    selector.register(proc.stdout, selectors.EVENT_READ)
    seen = ""

    def wait_for(needle: str, limit: float = 120) -> str:
        nonlocal seen
        deadline = time.monotonic() + limit
        while needle not in seen:
            assert time.monotonic() < deadline, f"no {needle!r} in:\n{seen[-3000:]}"
            if selector.select(timeout=0.1):
                seen += os.read(proc.stdout.fileno(), 65536).decode(errors="replace")
        found, seen = seen.split(needle, 1)
        return found

    ex01 = copy / "exercises" / "ex01_one_hot.py"
    good = ex01.read_text()
    try:
        wait_for("Watching")
        ex01.write_text(good.replace("dtype=np.float32", "dtype=np.float64"))
        wait_for("FAIL ex01_one_hot")
        wait_for("FAIL ex02_batch")
        wait_for("(it imports ex01_one_hot, so it was graded again)")
        ex01.write_text(good)
        wait_for("PASS ex01_one_hot")
        wait_for("PASS ex02_batch")
        wait_for("Every chosen exercise passes")  # EX="ex01 ex02": the others were not graded
    finally:
        os.killpg(proc.pid, 15)
        proc.wait(timeout=30)
