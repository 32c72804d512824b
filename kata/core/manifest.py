"""Reads kata.toml: the single source of order, titles, tasks, hints and points."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kata import ROOT
from kata.compat import tomllib
from kata.i18n import exercise_text

MANIFEST_PATH = ROOT / "kata.toml"


@dataclass(frozen=True)
class Exercise:
    name: str  # module name, e.g. "ex02_batch"
    title: str
    task: str  # one line, shown after "Next:"
    points: float = 1.0
    hints: tuple[str, ...] = field(default_factory=tuple)
    # a hint for one graded test (its function's name), shown by `hint` while that test fails
    test_hints: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    slow: bool = False  # graded first, so the longest child overlaps the others

    @property
    def filename(self) -> str:
        return f"{self.name}.py"

    @property
    def test_file(self) -> Path:
        return ROOT / "tests" / f"test_{self.name}.py"


def load_manifest(path: Path = MANIFEST_PATH) -> list[Exercise]:
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    return [
        Exercise(
            name=entry["name"],
            title=exercise_text(entry["name"], "title", entry["title"]),
            task=exercise_text(entry["name"], "task", entry["task"]),
            points=float(entry.get("points", 1)),
            hints=tuple(exercise_text(entry["name"], "hints", entry.get("hints", ()))),
            test_hints=tuple(exercise_text(entry["name"], "test_hints", dict(entry.get("test_hints", {}))).items()),
            slow=bool(entry.get("slow", False)),
        )
        for entry in data["exercise"]
    ]


def find_exercise(name: str, exercises: list[Exercise]) -> Exercise | None:
    """Match "ex02", "EX02", "ex2", "2", "02", "ex02_batch" or "ex02_batch.py", in any case."""
    key = name.strip().lower().removesuffix(".py")
    number = key.removeprefix("ex")
    for exercise in exercises:
        prefix = exercise.name.split("_", 1)[0]  # "ex02"
        if key in (exercise.name, prefix) or (number.isdigit() and int(number) == int(prefix.removeprefix("ex"))):
            return exercise
    return None


def exercise_of(nodeid: str) -> str:
    """tests/test_ex02_batch.py::test_x -> ex02_batch."""
    return Path(nodeid.split("::", 1)[0]).stem.removeprefix("test_")
