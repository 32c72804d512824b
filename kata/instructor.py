"""Instructor tooling: a student release, a Gradescope autograder bundle, and the tamper check.

What a student copy holds is an allowlist (RELEASE_FILES): never the reference solutions, the
hidden tests, or the grader's own golden scenarios (which hold correct code too).
"""

from __future__ import annotations

import ast
import base64
import hashlib
import json
import shutil
import stat

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10 (Gradescope's default image): the same parser, from PyPI
    import tomli as tomllib
import zipfile
from pathlib import Path

from kata import HIDDEN_DIR, ROOT

RELEASE_FILES = (
    "exercises/*.py",
    "tests/*.py",
    "kata/*.py",
    "kata/stubs.json",
    "kata/locales/*.toml",
    "conftest.py",
    "kata.toml",
    "pyproject.toml",
    "requirements.txt",
    "requirements-dev.txt",
    "Makefile",
    "README.md",
    "README.ko.md",
    ".gitignore",
    ".github/workflows/kata-autograding.yml",
)
AUTOGRADER_FILES = (
    "tests/*.py",
    "hidden_tests/*.py",
    "kata/*.py",
    "kata/locales/*.toml",
    "conftest.py",
    "kata.toml",
    "pyproject.toml",
    "requirements.txt",
)
# Guarded by the tamper check: what decides a grade.
GRADING_FILES = ("tests/*.py", "kata/*.py", "kata/locales/*.toml", "conftest.py", "kata.toml", "pyproject.toml")
RELEASE_RECORD = "kata/release.json"
AUTOGRADER_DIR = ROOT / "kata" / "autograder"


def matching(patterns: tuple[str, ...], root: Path = ROOT) -> list[Path]:
    found: set[Path] = set()
    for pattern in patterns:
        found.update(p for p in root.glob(pattern) if p.is_file() and "__pycache__" not in p.parts)
    return sorted(found)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def release_record(root: Path = ROOT) -> dict:
    """Hashes of the grading files, and their pristine contents to grade with if they change."""
    files = {str(p.relative_to(root)): p for p in matching(GRADING_FILES, root) if p.name != "release.json"}
    return {
        "sha256": {name: sha256(path) for name, path in files.items()},
        "pristine": {name: base64.b64encode(path.read_bytes()).decode() for name, path in files.items()},
    }


def make_release(out: Path, *, solutions: bool = False) -> list[str]:
    """Copy the student-facing files to `out` (which must not exist), with a release record;
    with `solutions`, the reference solutions too (a self-study copy: `make solution` works).
    The copy's README and Makefile leave out what it does not hold (kata.release)."""
    from kata.release import write_student_texts

    if out.exists():
        raise FileExistsError(f"{out} exists already; give a new folder")
    copied = []
    for path in matching(RELEASE_FILES + (("solutions/*.py",) if solutions else ())):
        target = out / path.relative_to(ROOT)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
        copied.append(str(path.relative_to(ROOT)))
    write_student_texts(ROOT, out, solutions=solutions)
    for catalog in (out / "kata" / "locales").glob("*.toml"):
        without_hidden_titles(catalog)
    (out / RELEASE_RECORD).write_text(json.dumps(release_record(out), indent=1) + "\n", encoding="utf-8")
    return copied


def titles_of_tests(folder: Path) -> set[str]:
    """The titles (docstring first lines) of the test functions in a folder of test files."""
    titles = set()
    for path in folder.glob("test_*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_") and ast.get_docstring(node):
                titles.add(ast.get_docstring(node).splitlines()[0].rstrip("."))
    return titles


def without_hidden_titles(catalog: Path) -> None:
    """Drop the translations of hidden tests' titles from a student copy's language file: they
    would tell students what the hidden tests check. Entries are one line each."""
    secret = titles_of_tests(HIDDEN_DIR) - titles_of_tests(ROOT / "tests")
    kept = []
    for line in catalog.read_text(encoding="utf-8").splitlines(keepends=True):
        try:
            entry = tomllib.loads(line) if " = " in line and line.startswith('"') else {}
        except tomllib.TOMLDecodeError:
            entry = {}
        if not set(entry) & secret:
            kept.append(line)
    catalog.write_text("".join(kept), encoding="utf-8")


def make_autograder(out: Path) -> list[str]:
    """Gradescope's bundle: setup.sh and run_autograder at the top, the grader and every test."""
    out.parent.mkdir(parents=True, exist_ok=True)
    names = []
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bundle:
        for script in ("setup.sh", "run_autograder"):
            info = zipfile.ZipInfo(script)
            info.external_attr = (stat.S_IFREG | 0o755) << 16
            bundle.writestr(info, (AUTOGRADER_DIR / script).read_text(encoding="utf-8"))
            names.append(script)
        for path in matching(AUTOGRADER_FILES):
            name = str(path.relative_to(ROOT))
            bundle.write(path, name)
            names.append(name)
    return names


def tampered(root: Path = ROOT) -> list[str]:
    """Grading files changed since the release (empty outside a release, or when untouched)."""
    record_path = root / RELEASE_RECORD
    if not record_path.exists():
        return []
    record = json.loads(record_path.read_text(encoding="utf-8"))
    changed = [
        name
        for name, digest in record["sha256"].items()
        if not (root / name).is_file() or sha256(root / name) != digest
    ]
    added = [
        str(p.relative_to(root))
        for p in matching(GRADING_FILES, root)
        if p.name != "release.json" and str(p.relative_to(root)) not in record["sha256"]
    ]
    return sorted(changed + added)


def materialize_pristine(root: Path, target: Path) -> None:
    """Write the release's pristine grading files into `target`, to grade from there."""
    record = json.loads((root / RELEASE_RECORD).read_text(encoding="utf-8"))
    for name, content in record["pristine"].items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(content))
    (target / RELEASE_RECORD).write_text(json.dumps(record) + "\n", encoding="utf-8")
