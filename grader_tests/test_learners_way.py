"""The learner's way, third pass (issue 29): every text in the learner's own command, a closed
pipe without a traceback, plain `make` listing the commands, native Windows told where grading
runs, and a release that points its notebook and Colab link at the course's repository.

Commands that write run in a student copy made in a temporary folder, never in exercises/."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from grader_tests.warm_kata import run_kata
from kata import ROOT

pytestmark = pytest.mark.timeout(300)

# A command of make's that a learner could be told to type.
MAKE_COMMAND = re.compile(r"\bmake (install|test|watch|list|hint|explain|reset|solution|grade)\b")


def env_for(copy: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "KATA_DEVICE": "cpu", "KATA_LANG": "en", "PYTHONDONTWRITEBYTECODE": "1"}
    env["KATA_STATE_DIR"] = str(copy / ".kata")
    env.pop("KATA_LAUNCHER", None)
    env.pop("KATA_MODE", None)
    return {**env, **extra}


def kata(copy: Path, *args: str, **extra: str) -> subprocess.CompletedProcess:
    """`python -m kata ARGS` in the copy, forked from a warm interpreter (grader_tests/warm_kata.py):
    the same code and output. How a command starts is tested with real processes below."""
    return run_kata(list(args), env=env_for(copy, **extra), cwd=copy)


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("learners-way") / "kata"
    made = subprocess.run(
        [sys.executable, "-m", "kata", "release", f"--out={out}"], cwd=ROOT, capture_output=True, text=True
    )
    assert made.returncode == 0, made.stdout + made.stderr
    return out


@pytest.mark.parametrize("words", [["hint", "ex02"], ["explain", "ex03"], ["list"], ["test", "ex01"]])
def test_a_closed_pipe_prints_no_traceback(copy: Path, words: list[str]) -> None:
    """`python -m kata list | head -2`: the reader has gone before the kata writes."""
    command = " ".join([sys.executable, "-m", "kata", *words]) + " | true"
    proc = subprocess.run(command, shell=True, cwd=copy, env=env_for(copy), capture_output=True, text=True)
    assert "Traceback" not in proc.stderr and "BrokenPipeError" not in proc.stderr, proc.stderr


def test_plain_make_prints_the_commands(copy: Path) -> None:
    proc = subprocess.run(
        ["make", f"PYTHON={sys.executable}"], cwd=copy, env=env_for(copy), capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Nothing to be done" not in proc.stdout + proc.stderr
    for command in ("make test", "make watch", "make hint EX=ex02", "make explain EX=ex02", "make list"):
        assert command in proc.stdout, proc.stdout
    assert not (copy / ".venv").exists(), "plain make installs nothing"
    korean = subprocess.run(
        ["make", f"PYTHON={sys.executable}"],
        cwd=copy,
        env=env_for(copy, KATA_LANG="ko"),
        capture_output=True,
        text=True,
    )
    assert "make test" in korean.stdout and re.search("[가-힣]", korean.stdout), korean.stdout


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("exercise", ["ex01", "ex04", "ex07"])
def test_explain_names_the_command_the_way_the_kata_was_started(copy: Path, lang: str, exercise: str) -> None:
    terminal = kata(copy, "explain", exercise, KATA_LANG=lang).stdout
    assert not MAKE_COMMAND.search(terminal), terminal
    assert "python -m kata test" in terminal, terminal
    notebook = kata(copy, "explain", exercise, KATA_LANG=lang, KATA_LAUNCHER="notebook").stdout
    assert not MAKE_COMMAND.search(notebook) and "python -m kata" not in notebook, notebook
    if lang == "en":  # Korean needs KATA_LANG in a notebook, set in its set-up cell: the line says so
        assert "KATA_LANG" in notebook.split("한국어 설명")[-1], notebook
    made = kata(copy, "explain", exercise, KATA_LANG=lang, KATA_LAUNCHER="make").stdout
    assert "make test" in made, made


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_stubs_own_message_names_no_make_without_it(copy: Path, lang: str) -> None:
    proc = kata(copy, "test", "ex04", KATA_LANG=lang)
    assert "ex04" in proc.stdout and not MAKE_COMMAND.search(proc.stdout), proc.stdout


def test_a_stub_file_names_both_ways_to_check_it() -> None:
    """The file in exercises/ is read wherever the kata was started: it names make and the way without."""
    from kata.learner.commands import load_stubs

    for name, stub in load_stubs().items():
        assert "make test" in stub and "python -m kata test" in stub, name


def test_native_windows_says_first_where_grading_runs(copy: Path) -> None:
    pretend = (
        "import runpy, sys; sys.platform = 'win32'; sys.argv[0] = 'kata'; runpy.run_module('kata', run_name='__main__')"
    )
    for lang in ("en", "ko"):
        proc = subprocess.run(
            [sys.executable, "-c", pretend, "test"],
            cwd=copy,
            env=env_for(copy, KATA_LANG=lang),
            capture_output=True,
            text=True,
        )
        said = (proc.stdout + proc.stderr).strip()
        first = " ".join(said.split())  # the one message, wrapped to the terminal's width
        assert said.startswith("kata:") and "Windows" in first and "WSL" in first, said
        assert proc.returncode == 2


def test_a_release_with_repo_names_it_everywhere(tmp_path: Path) -> None:
    out = tmp_path / "course"
    proc = subprocess.run(
        ["make", "-s", "release", f"OUT={out}", "REPO=prof-kim/rnn-course", "BRANCH=fall", f"PY={sys.executable}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    link = "https://colab.research.google.com/github/prof-kim/rnn-course/blob/fall/kata.ipynb"
    for name in ("README.md", "README.ko.md"):
        text = (out / name).read_text(encoding="utf-8")
        assert link in text and "OWNER" not in text, name
    setup = "".join(json.loads((out / "kata.ipynb").read_text(encoding="utf-8"))["cells"][1]["source"])
    assert 'KATA_REPOSITORY = "prof-kim/rnn-course"' in setup and 'KATA_BRANCH = "fall"' in setup, setup
    assert "OWNER" not in setup, setup


def test_a_release_without_repo_has_no_dead_link(tmp_path: Path) -> None:
    out = tmp_path / "course"
    made = subprocess.run(
        [sys.executable, "-m", "kata", "release", f"--out={out}"], cwd=ROOT, capture_output=True, text=True
    )
    assert made.returncode == 0, made.stderr
    for name in ("README.md", "README.ko.md"):
        text = (out / name).read_text(encoding="utf-8")
        assert "colab.research.google.com/github/" not in text and "OWNER" not in text, name
    setup = "".join(json.loads((out / "kata.ipynb").read_text(encoding="utf-8"))["cells"][1]["source"])
    assert "OWNER" not in setup and 'KATA_REPOSITORY = ""' in setup, setup
    # Opened alone, with no address: one line says how to point it at the course's repository.
    scratch = tmp_path / "alone"
    scratch.mkdir()
    code = "\n".join(line for line in setup.splitlines() if not line.lstrip().startswith("%"))
    ran = subprocess.run([sys.executable, "-c", code], cwd=scratch, capture_output=True, text=True, timeout=60)
    said = (ran.stdout + ran.stderr).strip().splitlines()
    assert ran.returncode == 0 and len(said) == 1 and "KATA_REPOSITORY" in said[0], ran.stdout + ran.stderr
    assert not any(scratch.iterdir()), "nothing was cloned"


def test_hint_follows_the_file_as_it_is_now(tmp_path: Path) -> None:
    """ex01 failed when last graded, then the learner solved it: `hint` speaks of ex02, not ex01."""
    from kata import SOLUTIONS_DIR

    out = tmp_path / "kata"
    made = subprocess.run(
        [sys.executable, "-m", "kata", "release", f"--out={out}"], cwd=ROOT, capture_output=True, text=True
    )
    assert made.returncode == 0, made.stderr
    assert kata(out, "test", "ex01").returncode == 1
    assert "for ex01_one_hot" in kata(out, "hint").stdout
    (out / "exercises" / "ex01_one_hot.py").write_text(
        (SOLUTIONS_DIR / "ex01_one_hot.py").read_text(encoding="utf-8"), encoding="utf-8"
    )
    now = kata(out, "hint")
    assert "for ex02_batch" in now.stdout and "ex01_one_hot (" not in now.stdout, now.stdout + now.stderr


def test_interview_mode_times_every_exercise_and_gives_no_fix(tmp_path: Path) -> None:
    """The clock starts with the first command; ex01, solved before the first grade, has the
    time it took, not 0:00; a failure says what was called and what came back, not the fix."""
    import time

    from kata import SOLUTIONS_DIR

    out = tmp_path / "kata"
    made = subprocess.run(
        [sys.executable, "-m", "kata", "release", f"--out={out}"], cwd=ROOT, capture_output=True, text=True
    )
    assert made.returncode == 0, made.stderr
    began = kata(out, "explain", "ex01", KATA_MODE="interview")
    assert "clock" in began.stderr, began.stderr
    time.sleep(1.2)
    (out / "exercises" / "ex01_one_hot.py").write_text(
        (SOLUTIONS_DIR / "ex01_one_hot.py").read_text(encoding="utf-8"), encoding="utf-8"
    )
    swapped = (ROOT / "grader_tests" / "readme_sample" / "ex02_batch.py").read_text(encoding="utf-8")
    (out / "exercises" / "ex02_batch.py").write_text(swapped, encoding="utf-8")
    graded = kata(out, "test", "ex01", "ex02", KATA_MODE="interview").stdout
    first = re.search(r"One-hot encoding  \((\d+):(\d\d)\)", graded)
    assert first and int(first.group(1)) * 60 + int(first.group(2)) >= 1, graded
    assert re.search(r"A batch as one tensor  \(\d+:\d\d\)", graded), graded
    assert "returned shape (5, 3, 4)" in graded, graded
    assert "Stack the words along dim 0" not in graded and "raise ValueError(...) yourself" not in graded, graded
    assert "Stack the words along dim 0" in kata(out, "test", "ex02").stdout, "outside interview mode the fix shows"


def test_watch_grades_the_save_just_made_not_the_one_before(tmp_path: Path) -> None:
    """watch keeps judges ready for the next save: what they grade is the file as saved, not as
    it was when they got ready (each worker grades its own copy of the files, made as it starts)."""
    import time

    from kata import SOLUTIONS_DIR

    out = tmp_path / "kata"
    made = subprocess.run(
        [sys.executable, "-m", "kata", "release", f"--out={out}"], cwd=ROOT, capture_output=True, text=True
    )
    assert made.returncode == 0, made.stderr
    target = out / "exercises" / "ex01_one_hot.py"
    stub, solution = target.read_text(encoding="utf-8"), (SOLUTIONS_DIR / "ex01_one_hot.py").read_text(encoding="utf-8")
    log = tmp_path / "watch.log"
    with log.open("w") as sink:
        watch = subprocess.Popen(
            [sys.executable, "-m", "kata", "watch", "ex01"], cwd=out, env=env_for(out), stdout=sink, stderr=sink
        )
    try:

        def verdicts() -> list[str]:
            return re.findall(r"\] (PASS|FAIL) ex01", log.read_text(encoding="utf-8"))

        def wait_for(count: int) -> None:
            deadline = time.monotonic() + 120
            while len(verdicts()) < count and time.monotonic() < deadline:
                time.sleep(0.05)

        deadline = time.monotonic() + 120
        while "Watching" not in log.read_text(encoding="utf-8") and time.monotonic() < deadline:
            time.sleep(0.05)
        for number, (text, verdict) in enumerate([(solution, "PASS"), (stub, "FAIL"), (solution, "PASS")], 1):
            time.sleep(2)  # the judges for the next save are ready by now
            target.write_text(text + f"\n# save {number}\n", encoding="utf-8")
            wait_for(number)
            assert verdicts()[number - 1 : number] == [verdict], log.read_text(encoding="utf-8")[-3000:]
    finally:
        watch.terminate()
        watch.wait(30)


def test_reset_in_a_notebook_says_the_cell_still_holds_the_learners_code(copy: Path) -> None:
    """`%kata reset ex01` makes the file the stub again, but the `%%kata ex01` cell keeps the
    learner's code, and running it would save that code again: the message says what to do."""
    said = kata(copy, "reset", "ex01", KATA_LAUNCHER="notebook")
    assert said.returncode == 0, said.stdout + said.stderr
    assert "%%kata ex01" in said.stdout and "cell" in said.stdout, said.stdout
    assert "def encode_word" in said.stdout, "the stub to paste into the cell is shown"
    in_a_terminal = kata(copy, "reset", "ex01").stdout
    assert "cell" not in in_a_terminal and "def encode_word" not in in_a_terminal, in_a_terminal


@pytest.mark.parametrize(
    "how, expected", [("", "KATA_LANG=ko python -m kata explain ex02"), ("make", "KATA_LANG=ko make explain EX=ex02")]
)
def test_the_korean_line_of_english_instructions_gives_a_command_that_shows_korean(
    copy: Path, how: str, expected: str
) -> None:
    """Shown in English, the instructions' "한국어 설명:" line names a command that shows them in
    Korean: with KATA_LANG=ko, not the very command that just showed them in English."""
    shown = kata(copy, "explain", "ex02", KATA_LANG="en", KATA_LAUNCHER=how).stdout
    line = next(line for line in shown.splitlines() if line.startswith("한국어 설명"))
    assert expected in line, line


def test_native_windows_on_a_korean_system_says_how_to_get_korean(copy: Path) -> None:
    """Windows keeps its language out of LANG: after the line on where grading runs, one line
    says how to get Korean, PowerShell's way."""
    pretend = (
        "import runpy, sys; sys.platform = 'win32'; sys.argv[0] = 'kata'; runpy.run_module('kata', run_name='__main__')"
    )
    env = env_for(copy, LANGUAGE="ko", LANG="C.UTF-8")
    env.pop("KATA_LANG")
    proc = subprocess.run([sys.executable, "-c", pretend, "test"], cwd=copy, env=env, capture_output=True, text=True)
    lines = proc.stdout.strip().splitlines()
    assert "Windows" in lines[0] and '$env:KATA_LANG="ko"' in lines[-1], proc.stdout + proc.stderr
