"""One submission cannot touch another's grading, nor gain a point by trying (docs/grading.md).

The hostile submissions in grader_tests/tamper/ are graded in a copy of the kata, in the ways a
grader runs: as root with its workers confined by the kernel ("confined"), as root dropping
them to an unprivileged user too ("unprivileged"), as an ordinary user who owns the checkout,
the way an instructor without root runs grade-all ("ordinary"), and as on a system without
Landlock ("unconfined", KATA_CONFINE=none), where only the hash check is left. make check runs as
root here and in CI; the unprivileged and ordinary runs use an interpreter every user can read
(a venv of the system's Python with this checkout's packages), since a pyenv under /root is
private to root.
"""

from __future__ import annotations

import csv
import json
import os
import pwd
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kata import EXERCISES_DIR, ROOT, SOLUTIONS_DIR
from kata.engine.accounts import CANDIDATES
from kata.engine.sandbox import GradingFiles, exercises_touched

pytestmark = pytest.mark.timeout(600)
TAMPER = Path(__file__).parent / "tamper"
COPIED = ("kata", "tests", "hidden_tests", "exercises", "solutions", "conftest.py", "pyproject.toml", "kata.toml")
MODES = ("confined", "unprivileged", "ordinary")  # every way a grader confines
ORDINARY_UID = 4242


@pytest.fixture(scope="module")
def checkout() -> Iterator[Path]:
    """A copy of the kata that every user can read, where hostile code can do no harm."""
    folder = Path(tempfile.mkdtemp(prefix="kata-sandbox-test-"))
    folder.chmod(0o755)
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
            (folder / name).chmod(0o755)
        else:
            shutil.copy2(source, folder / name)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def readable_python(checkout: Path) -> Iterator[str]:
    """A Python every user can read, with this venv's packages: what the unprivileged child needs."""
    if os.geteuid() != 0:
        pytest.skip("the unprivileged path needs root (it is what Gradescope and CI run as)")
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    system = next((p for p in (f"/usr/bin/{version}", f"/usr/local/bin/{version}") if os.path.exists(p)), None)
    if system is None:
        pytest.skip(f"no system-wide {version} to build a venv every user can read")
    folder = Path(tempfile.mkdtemp(prefix="kata-readable-python-"))
    folder.chmod(0o755)
    subprocess.run([system, "-m", "venv", "--without-pip", str(folder / "venv")], check=True)
    packages = Path(
        subprocess.check_output(
            [str(folder / "venv/bin/python"), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], text=True
        ).strip()
    )
    (packages / "kata-test-venv.pth").write_text(sysconfig.get_path("purelib") + "\n")
    python = str(folder / "venv" / "bin" / "python")
    plan = subprocess.run(
        [python, "-c", "from kata.engine.sandbox import drop_plan; print(drop_plan()[1])"],
        cwd=checkout,
        env=env_for("unprivileged"),
        capture_output=True,
        text=True,
    )
    if plan.returncode != 0 or plan.stdout.strip():
        shutil.rmtree(folder, ignore_errors=True)
        pytest.skip(f"the unprivileged user cannot run the grader here: {plan.stdout.strip() or plan.stderr[-300:]}")
    yield python
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def users_checkout(checkout: Path) -> Iterator[Path]:
    """Another copy of the kata, owned by an ordinary user (ORDINARY_UID) with its own home."""
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("grading as an ordinary user needs root and setpriv (util-linux) to become one")
    folder = Path(tempfile.mkdtemp(prefix="kata-users-checkout-"))
    folder.chmod(0o755)
    shutil.copytree(checkout, folder / "kata-copy")
    (folder / "home").mkdir()
    for path in [folder / "kata-copy", folder / "home", *(folder / "kata-copy").rglob("*")]:
        os.chown(path, ORDINARY_UID, ORDINARY_UID, follow_symlinks=False)
    os.chown(folder / "home", ORDINARY_UID, ORDINARY_UID)
    yield folder / "kata-copy"
    shutil.rmtree(folder, ignore_errors=True)


def env_for(mode: str, **extra: str) -> dict[str, str]:
    env = {**os.environ, "KATA_DEVICE": "cpu", "KATA_LANG": "en", "PYTHONDONTWRITEBYTECODE": "1", **extra}
    env.pop("PYTHONPATH", None)
    env.pop("KATA_CONFINE", None)
    if mode in ("confined", "unconfined"):
        env["KATA_SANDBOX_USER"] = "none"
    else:
        env.pop("KATA_SANDBOX_USER", None)
    if mode == "unconfined":
        env["KATA_CONFINE"] = "none"
    return env


def python_for(mode: str, request: pytest.FixtureRequest) -> str:
    return request.getfixturevalue("readable_python") if mode in ("unprivileged", "ordinary") else sys.executable


def checkout_for(mode: str, request: pytest.FixtureRequest) -> Path:
    return request.getfixturevalue("users_checkout" if mode == "ordinary" else "checkout")


def hand_over(mode: str, *paths: Path) -> None:
    """Make what a test wrote the ordinary user's, where that user grades."""
    if mode != "ordinary":
        return
    for top in paths:
        for path in [top, *top.rglob("*")] if top.is_dir() else [top]:
            os.chown(path, ORDINARY_UID, ORDINARY_UID, follow_symlinks=False)


def kata_in(checkout: Path, python: str, mode: str, *args: str, ok: bool = True) -> subprocess.CompletedProcess:
    """`python -m kata ARGS` in the copy of the kata, as `mode` grades; with `ok`, it must end well."""
    command, env = [python, "-m", "kata", *args], env_for(mode)
    if mode == "ordinary":
        home = checkout.parent / "home"
        command = ["setpriv", f"--reuid={ORDINARY_UID}", f"--regid={ORDINARY_UID}", "--clear-groups", *command]
        env.update(HOME=str(home), TMPDIR=str(home), KATA_STATE_DIR=str(home / "state"))
    proc = subprocess.run(command, cwd=checkout, env=env, capture_output=True, text=True, timeout=600)
    if ok:
        assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


def tree_with(scenario: str, folder: Path) -> Path:
    """Reference solutions, with the scenario's hostile ex01_one_hot.py; a hostile
    `ex01_one_hot.before.py` is put at the top of the reference's own file instead (right code
    that also does harm as it is imported)."""
    folder.mkdir(parents=True)
    for path in SOLUTIONS_DIR.glob("ex*.py"):
        shutil.copy(path, folder / path.name)
    for path in (TAMPER / scenario).glob("*.py"):
        if path.name.endswith(".before.py"):
            graded = folder / path.name.replace(".before.py", ".py")
            graded.write_text(path.read_text() + "\n" + graded.read_text())
        else:
            shutil.copy(path, folder / path.name)
    return folder


def unchanged(checkout: Path, before: dict[str, bytes]) -> list[str]:
    after = GradingFiles(checkout).pristine
    return sorted(name for name in set(before) | set(after) if before.get(name) != after.get(name))


def workspace(mode: str, tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    """A folder for a test's tree and results that the grading user can use."""
    if mode != "ordinary":
        return tmp_path
    folder = Path(tempfile.mkdtemp(dir=checkout_for(mode, request).parent / "home"))
    hand_over(mode, folder)
    return folder


WROTE = ("open() wrote", "os.open wrote", "libc wrote", "libc removed", "os.remove removed", "rmtree removed")


@pytest.mark.parametrize("mode", [*MODES, "unconfined"])
@pytest.mark.parametrize("scenario", ["rewrites-tests", "deletes-tests", "writes-below-the-hook"])
def test_a_tamperer_changes_no_grading_file_and_gains_nothing(
    tmp_path: Path, scenario: str, mode: str, request: pytest.FixtureRequest
) -> None:
    checkout, place = checkout_for(mode, request), workspace(mode, tmp_path, request)
    before = GradingFiles(checkout).pristine
    tree = tree_with(scenario, place / "tree")
    hand_over(mode, tree)
    results = place / "results.json"
    proc = kata_in(
        checkout, python_for(mode, request), mode, "grade", f"--impl={tree}", f"--results={results}", "ex01", "ex04"
    )
    assert not unchanged(checkout, before), f"grading files left changed: {unchanged(checkout, before)}"
    tests = json.loads(results.read_text())["tests"]
    ex01 = [t for t in tests if t["name"].startswith("ex01_one_hot: ")]
    ex04 = [t for t in tests if t["name"].startswith("ex04_shapes: ")]
    assert ex01 and all(t["score"] == 0 for t in ex01)
    printed = "\n".join(t["output"] for t in ex01)
    if mode == "unconfined":  # no Landlock: the writes went through; the hash check caught and charged them
        assert "runs unconfined here" in proc.stderr, proc.stderr
        assert any(w in printed for w in WROTE), printed[:2000]
        assert "changed the grading files" in printed, printed[:2000]
        assert all(t["score"] == 0 for t in ex04), "every exercise the changed files decide scores 0"
    else:  # the kernel refused every write, by open() and by libc alike
        assert "refused" in printed and not any(w in printed for w in WROTE), printed[:2000]
        assert ("uid 0" in printed) == (mode == "confined"), printed[:2000]  # root, confined all the same
        if mode == "unprivileged":
            assert "graded code cannot run as an unprivileged user" not in proc.stderr, proc.stderr
        assert all(t["status"] == "passed" for t in ex04), "the rest of the submission is graded as usual"


def test_a_change_made_in_a_judge_of_several_exercises_is_charged_to_the_one_that_made_it(
    checkout: Path, tmp_path: Path
) -> None:
    """ex01 and ex04 graded in one judge (--jobs=1), unconfined; ex01's code, right otherwise,
    appends a test to ex04's file. Each exercise is graded again alone to find out whose
    code did it: ex01 scores 0 for it, and ex04 too, since the changed file decides it."""
    before = GradingFiles(checkout).pristine
    tree = tree_with("changes-another-exercises-tests", tmp_path / "tree")
    results = tmp_path / "results.json"
    kata_in(  # as on a system without Landlock: there the hash check is what is left
        checkout,
        sys.executable,
        "unconfined",
        "grade",
        f"--impl={tree}",
        f"--results={results}",
        "--jobs=1",
        "ex01",
        "ex04",
    )
    assert not unchanged(checkout, before), f"grading files left changed: {unchanged(checkout, before)}"
    tests = json.loads(results.read_text())["tests"]
    for exercise in ("ex01_one_hot", "ex04_shapes"):
        mine = [t for t in tests if t["name"].startswith(f"{exercise}: ")]
        assert mine and all(t["score"] == 0 for t in mine), exercise
        assert all("changed the grading files" in t["output"] for t in mine), exercise
    assert not any("free_points" in t["name"] for t in tests)


def processes_of(uids: set[int]) -> list[int]:
    """The live processes running with one of these real user ids (a killed one may take a moment
    to go: it is looked for again for a few seconds)."""
    for _look in range(50):
        found = []
        for status in Path("/proc").glob("[0-9]*/status"):
            try:
                fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
            except OSError:
                continue
            if int(fields["Uid"].split()[0]) in uids and not fields["State"].strip().startswith(("Z", "X")):
                found.append(int(status.parent.name))
        if not found:
            return []
        time.sleep(0.2)
    return found


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
    assert ex01 and all(t["status"] == "passed" for t in ex01)
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
        "ROOT = next(Path(entry) for entry in sys.path if (Path(entry) / 'kata.toml').is_file())\n"
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


@pytest.mark.parametrize("mode", ["confined", "ordinary"])
@pytest.mark.parametrize("scenario", ["rewrites-tests", "reaches-classmates"])
def test_grade_all_with_a_tamperer_in_the_middle_grades_the_others_as_without_it(
    tmp_path: Path, mode: str, scenario: str, request: pytest.FixtureRequest
) -> None:
    """Mallory's code goes for the grading files or for classmates' files (found through the
    grader's argv, environment, /proc or the temporary folder) and fails with a lone surrogate
    in its message: her classmates keep their grades and their files, and the gradebook is whole."""
    checkout, place = checkout_for(mode, request), workspace(mode, tmp_path, request)
    subs = place / "submissions"
    shutil.copytree(SOLUTIONS_DIR, subs / "alice")
    shutil.copytree(EXERCISES_DIR, subs / "bob")
    tree_with(scenario, subs / "mallory")
    for path in EXERCISES_DIR.glob("ex*.py"):  # stubs but for the hostile file: it hopes for free points
        if path.name != "ex01_one_hot.py":
            shutil.copy(path, subs / "mallory" / path.name)
    shutil.copytree(SOLUTIONS_DIR, subs / "oscar")
    hand_over(mode, subs)
    files = {path: path.read_bytes() for path in subs.rglob("*.py") if "mallory" not in path.parts}
    before = GradingFiles(checkout).pristine
    out = place / "gradebook.csv"
    python = python_for(mode, request)
    kata_in(checkout, python, mode, "grade-all", f"--submissions={subs}", f"--out={out}", "--jobs=2")
    assert not unchanged(checkout, before)
    assert all(path.read_bytes() == data for path, data in files.items()), "a classmate's file was changed"
    rows = {row["student"]: row for row in csv.DictReader(out.open(encoding="utf-8"))}
    assert rows["alice"]["total"] == rows["alice"]["max_total"] == rows["oscar"]["total"], rows
    assert float(rows["bob"]["total"]) == 0 and rows["bob"]["max_total"] == rows["alice"]["max_total"]
    assert float(rows["mallory"]["total"]) == 0, rows["mallory"]
    book = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert [s["student"] for s in book["students"]] == ["alice", "bob", "mallory", "oscar"]
    if scenario == "reaches-classmates":
        assert "stole 0, rewrote 0" in rows["mallory"]["errors"], rows["mallory"]
        assert "\x1b" not in out.read_text(encoding="utf-8") and "\x00" not in out.read_text(encoding="utf-8")


def test_grade_all_refuses_to_run_unconfined_unless_told(checkout: Path, tmp_path: Path) -> None:
    subs = tmp_path / "submissions"
    shutil.copytree(SOLUTIONS_DIR, subs / "alice")
    out = tmp_path / "gradebook.csv"
    proc = kata_in(
        checkout, sys.executable, "unconfined", "grade-all", f"--submissions={subs}", f"--out={out}", ok=False
    )
    assert proc.returncode == 2 and "--unconfined" in proc.stderr and not out.exists(), proc.stderr
    proc = kata_in(
        checkout, sys.executable, "unconfined", "grade-all", f"--submissions={subs}", f"--out={out}", "--unconfined"
    )
    assert "runs unconfined here" in proc.stderr and out.exists()


@pytest.mark.parametrize("mode", ["confined", "unprivileged"])  # Gradescope grades as root
def test_fake_results_and_a_killed_grader_never_reach_gradescope(
    checkout: Path, tmp_path: Path, mode: str, request: pytest.FixtureRequest
) -> None:
    root = tmp_path / "autograder"
    tree_with("fake-results-kills-parent", root / "submission" / "upload")
    tmp = Path(tempfile.mkdtemp(prefix="kata-autograder-tmp-"))  # where run_autograder's own folder goes
    tmp.chmod(0o711)  # as /tmp is to other users: they may pass through
    run = subprocess.run(
        ["bash", str(checkout / "kata" / "instructor" / "autograder" / "run_autograder")],
        env=env_for(
            mode,
            AUTOGRADER_ROOT=str(root),
            KATA_SOURCE=str(checkout),
            KATA_PYTHON=python_for(mode, request),
            TMPDIR=str(tmp),
        ),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    data = json.loads((root / "results" / "results.json").read_text())
    assert data["score"] != 999
    left = list(tmp.iterdir())
    shutil.rmtree(tmp, ignore_errors=True)
    assert not left, "a killed grader leaves no temporary files behind"
    # The graded code's parent is its worker's zygote, never the grader: whatever it kills, the
    # grader finishes and writes its own results; the submission's exercise scores 0.
    ex01 = [t for t in data["tests"] if t["name"].startswith("ex01_one_hot: ")]
    assert ex01 and all(t["score"] == 0 for t in ex01)
    assert data["score"] == sum(t["score"] for t in data["tests"]) > 0, "the grader's own results"
    printed = "\n".join(t["output"] for t in ex01)
    assert "open() refused" in printed and "libc wrote" not in printed, printed[:2000]
    assert "os.kill refused" in printed and "libc kill returned -1" in printed, printed[:2000]


def test_a_changed_test_file_charges_its_exercise_and_anything_else_every_exercise() -> None:
    names = ["ex01_one_hot", "ex02_batch", "ex03_rnn"]
    assert exercises_touched(["tests/test_ex02_batch.py", "hidden_tests/test_ex03_rnn.py"], names) == names[1:]
    assert exercises_touched(["kata/testing/checks.py"], names) == names
    assert exercises_touched(["kata.toml", "tests/test_ex01_one_hot.py"], names) == names


def test_restore_puts_back_rewritten_deleted_and_added_files(tmp_path: Path) -> None:
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_ex01_one_hot.py").write_text("real\n")
    (tmp_path / "kata.toml").write_text("manifest\n")
    files = GradingFiles(tmp_path)
    (tmp_path / "tests" / "test_ex01_one_hot.py").write_text("def test_free(): pass\n")
    (tmp_path / "kata.toml").unlink()
    (tmp_path / "tests" / "test_ex09_extra.py").write_text("def test_more(): pass\n")
    assert files.changed() == ["kata.toml", "tests/test_ex01_one_hot.py", "tests/test_ex09_extra.py"]
    files.restore()
    assert files.changed() == []
    assert (tmp_path / "tests" / "test_ex01_one_hot.py").read_text() == "real\n"
    assert not (tmp_path / "tests" / "test_ex09_extra.py").exists()
