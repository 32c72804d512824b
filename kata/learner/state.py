"""What the learner's loop remembers between commands, in .kata/ (never in exercises/):
the last verdict per exercise, how many hints were shown, interview times, and backups."""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path

from kata import EXERCISES_DIR
from kata.core.settings import settings

STATE_DIR = settings().state_dir
BACKUP_DIR = STATE_DIR / "backups"


def _path(name: str) -> Path:
    return STATE_DIR / f"{name}.json"


def load(name: str) -> dict:
    try:
        return json.loads(_path(name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def save(name: str, data: dict) -> None:
    STATE_DIR.mkdir(parents=True, exist_ok=True)
    tmp = _path(name).with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")
    tmp.replace(_path(name))


def digest(path: Path) -> str:
    """The file's text as it is now, in short ("" when there is none)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def changed_since_graded(name: str, path: Path) -> bool:
    """Whether the exercise's file differs from the one its last recorded grade saw."""
    entry = load("progress").get("exercises", {}).get(name)
    return entry is None or entry.get("digest") != digest(path)


def graded_test_of(nodeid: str) -> str:
    """tests/test_ex01_one_hot.py::test_encode_word[empty-word] -> test_encode_word."""
    return nodeid.rpartition("::")[2].partition("[")[0]


def record_progress(results: dict, impl: Path) -> None:
    """Remember passed/total per exercise of the learner's own tree (for hint, list, interview).
    Other trees (IMPL=solutions, a student's folder) leave the learner's progress alone."""
    if Path(impl).resolve() != EXERCISES_DIR.resolve():
        return
    progress = load("progress")
    if progress.get("impl") != str(impl):
        progress = {"impl": str(impl), "exercises": {}}
    now = time.time()
    for name, tests in results.items():
        passed = sum(r.passed for r in tests)
        entry = progress["exercises"].setdefault(name, {})
        entry.update(passed=passed, total=len(tests), checked=now, digest=digest(Path(impl) / f"{name}.py"))
        # what `hint` follows: the tests that failed on an answer (a stub's tests wait for the nudges)
        entry["failing"] = [graded_test_of(r.nodeid) for r in tests if not r.passed and not r.stub]
        if tests and passed == len(tests):
            entry.setdefault("first_passed", now)
    save("progress", progress)
