"""What graded code cannot reach: a process it leaves behind neither holds up the grader nor
outlives its judge; running as the grader's own user it cannot reach the grader's pipes; it
reads no hidden test and no solution (docs/grading.md)."""

from __future__ import annotations

import json
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from grader_tests.sandbox_grading import (
    MODES,
    checkout_for,
    env_for,
    hand_over,
    kata_in,
    processes_of,
    python_for,
    tree_with,
    workspace,
)
from kata import SOLUTIONS_DIR
from kata.engine.accounts import CANDIDATES

pytestmark = pytest.mark.timeout(600)


def test_a_process_graded_code_leaves_behind_neither_holds_up_the_grader_nor_outlives_its_judge(
    checkout: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """ex01's code forks below the audit hook and leaves a process that sleeps an hour, holding
    the worker's output. The grade ends as usual (kata_in's own time limit would stop it), ex01
    keeps its points, and when the judge has ended nothing runs as the accounts graded code
    used: a process left there would meet the next submission graded under the same account."""
    python = python_for("unprivileged", request)
    nobody = pwd.getpwnam("nobody").pw_uid
    accounts = set(range(nobody - CANDIDATES, nobody))  # the ids a grader leases (kata.engine.accounts)
    tree = tree_with("leaves-a-process-behind", tmp_path / "tree")
    results = tmp_path / "results.json"
    kata_in(checkout, python, "unprivileged", "grade", f"--impl={tree}", f"--results={results}", "ex01", "ex04")
    ex01 = [t for t in json.loads(results.read_text())["tests"] if t["name"].startswith("ex01_one_hot: ")]
    # its ctypes is a way out (kata.testing.ways_out): ex01's tests fail for that and nothing else
    assert ex01 and all(t["status"] == "passed" or "reaches past the exercise" in t["output"] for t in ex01)
    assert processes_of(accounts) == []


def test_a_grade_kills_no_process_it_did_not_start(
    checkout: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """What graded code leaves behind is killed by its id once its judge has ended: an id the
    grader leased, which nothing else runs as. A daemon running as nobody (the base account) keeps
    running through a grade."""
    python = python_for("unprivileged", request)
    daemon = subprocess.Popen(["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "sleep", "300"])
    try:
        tree = tree_with("leaves-a-process-behind", tmp_path / "tree")
        results = tmp_path / "results.json"
        kata_in(checkout, python, "unprivileged", "grade", f"--impl={tree}", f"--results={results}", "ex01", "ex04")
        time.sleep(0.5)  # a kill(-1) sent as nobody would have landed by now
        assert daemon.poll() is None, "the grader killed a process it did not start"
    finally:
        daemon.kill()
        daemon.wait()


def test_graded_code_running_as_the_graders_own_user_cannot_reach_its_pipes(
    checkout: Path, request: pytest.FixtureRequest
) -> None:
    """A grader that is not root runs graded code as its own user. That code must still not open
    the grader's or the judge's descriptors through /proc, where it would write forged verdicts:
    both are not dumpable, so only root can. Graded here by an ordinary user (setpriv)."""
    if shutil.which("setpriv") is None:
        pytest.skip("setpriv (util-linux) runs the grader as an ordinary user here")
    python = python_for("unprivileged", request)  # root, and an interpreter every user can read
    uid = next(u for u in range(4242, 4342) if not any(p.pw_uid == u for p in pwd.getpwall()))
    folder = Path(tempfile.mkdtemp(prefix="kata-as-a-user-"))
    try:
        tree = tree_with("reads-the-graders-descriptors", folder / "tree")
        for path in [folder, *folder.rglob("*")]:
            os.chown(path, uid, uid)
        env = {**env_for("confined", HOME=str(folder), TMPDIR=str(folder)), "KATA_STATE_DIR": str(folder / "state")}
        proc = subprocess.run(
            ["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups", python, "-m", "kata", "grade"]
            + [f"--impl={tree}", f"--results={folder / 'results.json'}", "--public-only", "ex01"],
            cwd=checkout,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert proc.returncode == 0, proc.stdout + proc.stderr
        printed = json.loads((folder / "results.json").read_text())["tests"][0]["output"]
        assert "the judge's descriptors: refused" in printed, printed
        assert "the grader's descriptors: refused" in printed, printed
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.parametrize("mode", MODES)
def test_graded_code_cannot_read_hidden_tests_or_solutions(
    tmp_path: Path, mode: str, request: pytest.FixtureRequest
) -> None:
    """Not by path, not through a descriptor of the checkout (dir_fd), not as the user who owns them."""
    checkout, place = checkout_for(mode, request), workspace(mode, tmp_path, request)
    tree = tree_with("rewrites-tests", place / "tree")
    (tree / "ex01_one_hot.py").write_text(
        "import os, sys\n"
        "from pathlib import Path\n"
        f"ROOT = Path({str(checkout)!r})  # a student who read the course's setup knows it\n"
        "for name in ('hidden_tests/test_ex02_batch.py', 'solutions/ex01_one_hot.py', 'tests/test_ex01_one_hot.py'):\n"
        "    try:\n"
        "        open(ROOT / name).read()\n"
        "        print('read', name)\n"
        "    except OSError as error:\n"
        "        print('could not read', name, type(error).__name__)\n"
        "    try:\n"
        "        top = os.open(ROOT, os.O_RDONLY)\n"
        "        os.read(os.open(name, os.O_RDONLY, dir_fd=top), 10)\n"
        "        print('read by dir_fd', name)\n"
        "    except OSError as error:\n"
        "        print('could not read by dir_fd', name, type(error).__name__)\n"
        + (SOLUTIONS_DIR / "ex01_one_hot.py").read_text()
    )
    hand_over(mode, tree)
    results = place / "results.json"
    kata_in(checkout, python_for(mode, request), mode, "grade", f"--impl={tree}", f"--results={results}", "ex01")
    tests = json.loads(results.read_text())["tests"]
    printed = "\n".join(t["output"] for t in tests)
    for name in ("hidden_tests/test_ex02_batch.py", "solutions/ex01_one_hot.py", "tests/test_ex01_one_hot.py"):
        assert f"could not read {name} PermissionError" in printed, printed[:2000]
        assert f"could not read by dir_fd {name} PermissionError" in printed, printed[:2000]
    assert "read by dir_fd" not in printed.replace("could not read by dir_fd", "")
    assert all(t["status"] == "passed" for t in tests), "hidden tests still ran: the judge reads them, not the worker"
