"""The commands a learner and an instructor run, on the real exercises/ and solutions/."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from grader_tests.golden import grade, snapshot
from grader_tests.warm_kata import run_kata
from kata import EXERCISES_DIR, ROOT, SOLUTIONS_DIR
from kata.core.manifest import load_manifest

pytestmark = pytest.mark.timeout(300)


def kata(*args: str) -> subprocess.CompletedProcess:
    env = {
        "KATA_DEVICE": "cpu",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PATH": "/usr/bin:/bin",
        "KATA_STATE_DIR": os.environ["KATA_STATE_DIR"],
    }
    return run_kata(list(args), env=env)


def test_make_test_on_the_stubs_points_to_the_first_exercise() -> None:
    before = snapshot(EXERCISES_DIR)
    proc = kata("test")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    out = proc.stdout
    assert "device cpu" in out and "torch" in out.splitlines()[0], out[:300]
    assert "Open exercises/ex01_one_hot.py" in out, out
    assert "not written yet" in out, out
    assert out.rstrip().rsplit("\n\n", 1)[-1].startswith("Next: exercises/ex01_one_hot.py: "), out[-300:]
    for exercise in load_manifest():
        assert exercise.name in out
    assert snapshot(EXERCISES_DIR) == before, "grading changed files in exercises/"


def test_a_missing_folder_is_a_clear_error() -> None:
    proc = kata("test", "--impl=/no/such/folder")
    assert proc.returncode not in (0, 1)
    assert "does not exist" in proc.stderr


def test_spawned_children_where_fork_is_not_used(tmp_path: Path) -> None:
    """KATA_START=spawn: each child is a fresh interpreter, as on macOS and Windows."""
    results = tmp_path / "results.json"
    proc = grade(SOLUTIONS_DIR, results, 10, "ex01", "ex03", env={"KATA_START": "spawn"})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    data = json.loads(results.read_text())
    assert data["tests"] and all(t["status"] == "passed" for t in data["tests"]), [
        t["output"][:200] for t in data["tests"]
    ]


def test_the_sample_in_the_readme_is_the_real_output(tmp_path: Path) -> None:
    """README.md shows `make test` after ex01 is solved and ex02 stacks along the wrong axis."""
    import re
    import shutil

    tree = tmp_path / "exercises"
    tree.mkdir()
    for source in [*EXERCISES_DIR.glob("ex*.py"), SOLUTIONS_DIR / "ex01_one_hot.py"]:
        shutil.copy2(source, tree / source.name)
    shutil.copy2(ROOT / "grader_tests" / "readme_sample" / "ex02_batch.py", tree / "ex02_batch.py")
    env = {
        **os.environ,
        "KATA_LAUNCHER": "make",  # the sample is `make test`'s
        "KATA_LANG": "en",
        "KATA_DEVICE": "cpu",
        "COLUMNS": "100",
        "KATA_STATE_DIR": str(tmp_path / "state"),
        "KATA_IMPL_SHOWN": "",  # this copy stands for exercises/: the commands it suggests name no folder
    }
    proc = run_kata(["test", f"--impl={tree}"], env=env)
    real = proc.stdout.replace(str(tree.resolve()), "exercises")
    sample = re.search(r"```\n(RNN basics kata \| .*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)
    assert sample, "README.md has no sample report"
    assert " ".join(sample.group(1).split()) == " ".join(real.split()), f"the real output is:\n{real}"


@pytest.mark.parametrize("start", ["fork", "spawn"])
def test_a_syntax_errors_hint_names_the_folder_graded_however_children_start(tmp_path: Path, start: str) -> None:
    """A syntax error's report says the command to run again once, in its footer ("then run
    `python -m kata test ex01 --impl=DIR` again."). Worded by the worker, forked, it inherited the folder the learner chose; spawned (macOS, Windows), a fresh
    interpreter, it named none and suggested a command that grades exercises/ instead."""
    import shutil

    tree = tmp_path / "mine"
    tree.mkdir()
    for source in EXERCISES_DIR.glob("ex*.py"):
        shutil.copy2(source, tree / source.name)
    (tree / "ex01_one_hot.py").write_text("def build_vocab(words:\n    pass\n", encoding="utf-8")
    env = {**os.environ, "KATA_START": start, "KATA_LANG": "en", "KATA_DEVICE": "cpu"}
    env.update(KATA_STATE_DIR=str(tmp_path / "state"))
    for name in ("KATA_LAUNCHER", "KATA_IMPL_SHOWN"):
        env.pop(name, None)
    proc = run_kata(["test", "ex01", f"--impl={tree}"], env=env)  # forked or spawned, the children start afresh
    said = " ".join(proc.stdout.split())  # the report wraps its lines
    assert "Python could not read this file." in said, proc.stdout + proc.stderr
    assert "Fix the line above and save." in said, proc.stdout
    # one command to run again, in the footer, naming the folder graded (review 12, 2.7)
    assert f"then run `python -m kata test ex01 --impl={tree}` again." in said, proc.stdout
    assert said.count("again.") == 1, proc.stdout
