"""Instructor tooling: a student release, a Gradescope autograder bundle, and the tamper check.

What a student copy holds is an allowlist (RELEASE_FILES): never the reference solutions, the
hidden tests, or the grader's own golden scenarios (which hold correct code too).
"""

from __future__ import annotations

import ast
import base64
import hashlib
import json
import re
import shutil
import stat
import zipfile
from pathlib import Path

from kata import HIDDEN_DIR, ROOT
from kata.core.grading_files import GRADING_FILES, INSTRUCTOR_ONLY, RELEASE_RECORD, grading_files, matching

# A student copy: the grading files an instructor does not keep to themselves, and what a learner uses.
RELEASE_FILES = tuple(p for p in GRADING_FILES if p not in INSTRUCTOR_ONLY) + (
    "exercises/*.py",
    "kata/learner/stubs.json",
    "requirements.txt",
    "requirements-dev.txt",
    "Makefile",
    "README.md",
    "README.ko.md",
    "kata.ipynb",
    ".gitignore",
    ".github/workflows/kata-autograding.yml",
)
# Gradescope's bundle: every grading file (setup.sh and run_autograder also go to the top) and the pins.
AUTOGRADER_FILES = GRADING_FILES + ("requirements.txt",)
AUTOGRADER_DIR = ROOT / "kata" / "instructor" / "autograder"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def release_record(root: Path = ROOT) -> dict:
    """Hashes of the grading files, and their pristine contents to grade with if they change."""
    files = {str(p.relative_to(root)): p for p in grading_files(root) if p.name != "release.json"}
    return {
        "sha256": {name: sha256(path) for name, path in files.items()},
        "pristine": {name: base64.b64encode(path.read_bytes()).decode() for name, path in files.items()},
    }


# An Open-in-Colab link, wherever it sits: [text](https://colab.research.google.com/github/...).
COLAB_LINK = re.compile(r"\[(?P<text>[^\]\n]+)\]\(https://colab\.research\.google\.com/github/[^)\s]+\)")
# The READMEs name no address (a placeholder would be a dead link for whoever clones the kata):
# they say how to open the notebook in Colab without one. `make release REPO=owner/name` turns
# these words into the course's link; a copy without REPO keeps them.
NO_COLAB_ADDRESS = {
    "README.md": "Colab (upload `kata.ipynb`: its set-up cell says what to fill in)",
    "README.ko.md": "Colab에서는 `kata.ipynb`를 올려서 여세요(무엇을 채워 넣어야 하는지 설정 셀에 적혀 있습니다).",
}
COLAB_LINK_TEXT = {"README.md": "Open in Colab", "README.ko.md": "Colab에서 열기"}
REPO_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9._-]+")


def colab_link(repo: str, branch: str) -> str:
    return f"https://colab.research.google.com/github/{repo}/blob/{branch}/kata.ipynb"


def point_at(out: Path, repo: str, branch: str = "main") -> None:
    """A copy's notebook and its READMEs' Colab links name the course's repository (`repo`,
    owner/name, on `branch`); with no repo, the READMEs have no Colab link (they say to upload the
    notebook) and the notebook, opened alone, says where to write the address."""
    from kata.instructor.notebook import BRANCH_LINE, REPOSITORY_LINE

    for name in NO_COLAB_ADDRESS:
        readme = out / name
        if readme.is_file():
            readme.write_text(
                readme_pointed_at(readme.read_text(encoding="utf-8"), name, repo, branch), encoding="utf-8"
            )
    path = out / "kata.ipynb"
    if not path.is_file():
        return
    book = json.loads(path.read_text(encoding="utf-8"))
    for cell in book["cells"]:
        lines = cell["source"] if isinstance(cell["source"], list) else cell["source"].splitlines(keepends=True)
        for number, line in enumerate(lines):
            for start, value in ((REPOSITORY_LINE, repo), (BRANCH_LINE, branch)):
                if line.startswith(start):
                    rest = line[len(start) :]
                    after = rest[rest.index('"', 1) + 1 :] if rest.startswith('"') and '"' in rest[1:] else "\n"
                    lines[number] = start + json.dumps(value) + after
        cell["source"] = lines
    path.write_text(json.dumps(book, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def readme_pointed_at(text: str, name: str, repo: str, branch: str) -> str:
    """A README's words on opening the notebook in Colab (or a link) as the course's link; with
    no repo, a link becomes those words."""
    words = NO_COLAB_ADDRESS[name]
    if not repo:
        return COLAB_LINK.sub(lambda _m: words, text)
    link = colab_link(repo, branch)
    said = re.compile(r"\s+".join(map(re.escape, words.split())))  # a line may break inside the words
    text = COLAB_LINK.sub(lambda m: f"[{m.group('text')}]({link})", text)
    return said.sub(lambda _m: f"[{COLAB_LINK_TEXT[name]}]({link})", text)


def make_release(out: Path, *, solutions: bool = False, repo: str = "", branch: str = "main") -> list[str]:
    """Copy the student-facing files to `out` (which must not exist), with a release record;
    with `solutions`, the reference solutions too (a self-study copy: `make solution` works).
    The copy's README and Makefile leave out what it does not hold (kata.instructor.student_texts)."""
    from kata.instructor.student_texts import write_student_texts

    if out.exists():
        raise FileExistsError(f"{out} exists already; give a new folder")
    copied = []
    for path in matching(RELEASE_FILES + (("solutions/*.py",) if solutions else ())):
        target = out / path.relative_to(ROOT)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
        copied.append(str(path.relative_to(ROOT)))
    write_student_texts(ROOT, out, solutions=solutions)
    point_at(out, repo, branch)
    for catalog in (out / "kata" / "i18n" / "locales").glob("*.po"):
        without_hidden_titles(catalog)
    (out / RELEASE_RECORD).write_text(json.dumps(release_record(out), indent=1) + "\n", encoding="utf-8")
    return copied


def titles_of_tests(folder: Path) -> set[str]:
    """The titles (docstring first lines) of the test functions in a folder of test files."""
    titles = set()
    for path in folder.glob("test_*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                docstring = ast.get_docstring(node)
                if docstring:
                    titles.add(docstring.splitlines()[0].rstrip("."))
    return titles


def ids_of_tests(folder: Path) -> set[str]:
    """The ids of parametrized tests (`ids=[...]`, or a module-level list named there) in a folder
    of test files: reports show them after a test's title, so the catalogue translates them."""
    found: set[str] = set()
    for path in sorted(folder.glob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        named = {
            target.id: node.value
            for node in tree.body
            if isinstance(node, ast.Assign)
            for target in node.targets
            if isinstance(target, ast.Name)
        }
        for node in ast.walk(tree):
            for keyword in node.keywords if isinstance(node, ast.Call) else ():
                value = named.get(keyword.value.id) if isinstance(keyword.value, ast.Name) else keyword.value
                if keyword.arg == "ids" and isinstance(value, (ast.List, ast.Tuple)):
                    found.update(
                        e.value for e in value.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)
                    )
    return found


def without_hidden_titles(catalog: Path) -> None:
    """Drop the translations of hidden tests' titles and ids from a student copy's language file:
    they would tell students what the hidden tests check."""
    from kata.i18n import po

    secret = titles_of_tests(HIDDEN_DIR) - titles_of_tests(ROOT / "tests")
    secret_ids = ids_of_tests(HIDDEN_DIR) - ids_of_tests(ROOT / "tests")
    entries = po.parse(catalog.read_text(encoding="utf-8"))
    kept = [
        e
        for e in entries
        if not (e.msgctxt is None and (e.msgid in secret or e.previous in secret))
        and not (e.msgctxt == "test-id" and (e.msgid in secret_ids or e.previous in secret_ids))
    ]
    catalog.write_text(po.dump(kept), encoding="utf-8")


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
        for p in grading_files(root)
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
