"""The Gradescope bundle on Gradescope's default image: Ubuntu 22.04, whose python3 is 3.10 and
whose venv needs the python3.X-venv package (ensurepip) that `python3 -m venv --help` does not.

What runs where: make check runs setup.sh against a fake python3 and apt-get (recording what it
would install) and compiles the kata with Python 3.10. A full run of setup.sh and run_autograder
under Python 3.10 needs a 3.10 venv with the pinned packages (several GB: PyPI's torch for 3.10
is the CUDA build); give it as KATA_PY310_VENV=/path/to/venv to run that test too.
"""

from __future__ import annotations

import glob
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from kata import EXERCISES_DIR, ROOT, SOLUTIONS_DIR

pytestmark = pytest.mark.timeout(600)


def fake_tools(folder: Path, *, version_ok: bool, venv_ok: bool) -> Path:
    """A python3 like Ubuntu's without python3-venv (or too old), and an apt-get that only records."""
    bin_dir = folder / "bin"
    bin_dir.mkdir(parents=True)
    make_venv = f'exec {sys.executable} "$@"' if venv_ok else "echo ensurepip is not available >&2; exit 1"
    (bin_dir / "python3").write_text(
        "#!/usr/bin/env bash\n"
        'if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then\n'
        '  [ "$3" = "--help" ] && exit 0\n'
        f"  {make_venv}\n"
        "fi\n"
        f'if [ "$1" = "-c" ] && [[ "$2" == *"(3, 10)"* ]]; then exit {0 if version_ok else 1}; fi\n'
        f'exec {sys.executable} "$@"\n'
    )
    (bin_dir / "apt-get").write_text(f'#!/usr/bin/env bash\necho "$@" >> {folder / "apt.log"}\n')
    for tool in bin_dir.iterdir():
        tool.chmod(0o755)
    return bin_dir


def run_setup(tmp_path: Path, bin_dir: Path) -> subprocess.CompletedProcess:
    root = tmp_path / "autograder"
    (root / "source").mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "requirements.txt", root / "source")
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "AUTOGRADER_ROOT": str(root)}
    return subprocess.run(
        ["bash", str(ROOT / "kata" / "instructor" / "autograder" / "setup.sh")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_setup_installs_ensurepip_when_creating_a_venv_fails(tmp_path: Path) -> None:
    bin_dir = fake_tools(tmp_path, version_ok=True, venv_ok=False)
    proc = run_setup(tmp_path, bin_dir)
    installed = (tmp_path / "apt.log").read_text()
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    assert f"install -y python{version}-venv" in installed, installed
    assert proc.returncode != 0, "the fake apt-get installed nothing, so the venv still cannot be made"


def test_setup_refuses_a_python_the_kata_does_not_support(tmp_path: Path) -> None:
    bin_dir = fake_tools(tmp_path, version_ok=False, venv_ok=True)
    proc = run_setup(tmp_path, bin_dir)
    assert proc.returncode == 1 and "needs Python 3.10 to 3.13" in proc.stderr, proc.stderr
    assert "install -y python3 python3-pip" in (tmp_path / "apt.log").read_text()


def python310() -> str | None:
    candidates = [shutil.which("python3.10") or "", "/usr/bin/python3.10"]
    candidates += sorted(glob.glob(os.path.expanduser("~/.pyenv/versions/3.10*/bin/python3.10")))
    for candidate in candidates:
        if candidate and os.path.exists(candidate):
            probe = subprocess.run([candidate, "--version"], capture_output=True, text=True)
            if probe.returncode == 0 and probe.stdout.startswith("Python 3.10"):
                return candidate
    return None


def test_the_kata_compiles_under_python_3_10() -> None:
    """Syntax and the standard library's names: what an old interpreter rejects first."""
    python = python310()
    if python is None:
        pytest.skip("no Python 3.10 here")
    folders = ["kata", "tests", "hidden_tests", "solutions", "exercises", "conftest.py"]
    proc = subprocess.run(
        [
            python,
            "-c",
            "import ast, pathlib, sys\n"
            "for name in sys.argv[1:]:\n"
            "    for path in ([pathlib.Path(name)] if name.endswith('.py') else sorted(pathlib.Path(name).glob('*.py'))):\n"
            "        ast.parse(path.read_text(encoding='utf-8'), str(path))\n",
            *folders,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr


@pytest.mark.skipif(not os.environ.get("KATA_PY310_VENV"), reason="KATA_PY310_VENV names no Python 3.10 venv")
def test_bundle_grades_under_python_3_10(tmp_path: Path) -> None:
    venv = Path(os.environ["KATA_PY310_VENV"])
    root = tmp_path / "autograder"
    bundle = tmp_path / "autograder.zip"
    subprocess.run([sys.executable, "-m", "kata", "autograder", f"--out={bundle}"], cwd=ROOT, check=True)
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(root / "source")
    (root / "venv").symlink_to(venv)
    env = {**os.environ, "AUTOGRADER_ROOT": str(root), "KATA_DEVICE": "cpu", "KATA_LANG": "en"}
    for tree, full_marks in ((SOLUTIONS_DIR, True), (EXERCISES_DIR, False)):
        shutil.rmtree(root / "submission", ignore_errors=True)
        shutil.copytree(tree, root / "submission" / "upload")
        run = subprocess.run(["bash", str(root / "source" / "run_autograder")], env=env, capture_output=True, text=True)
        assert run.returncode == 0, run.stdout + run.stderr
        assert "torch" in run.stdout
        data = json.loads((root / "results" / "results.json").read_text())
        max_score = sum(t["max_score"] for t in data["tests"])
        assert data["score"] == (max_score if full_marks else 0) and max_score > 0, data["output"]
