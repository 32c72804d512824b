"""What the sandbox tests share (grader_tests/test_sandbox_*.py): a copy of the kata to grade hostile
submissions in, an interpreter every user can read, and how each way a grader runs is started.
grader_tests/conftest.py registers it as a plugin, for its fixtures.

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

import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kata import ROOT, SOLUTIONS_DIR
from kata.engine.grading_files_check import GradingFiles

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
