"""Grades a folder of submissions (one sub-folder per student) into a gradebook.

One child per submission runs all its tests (the watchdog and re-runs of kata.engine.scheduler keep a
crash or a hang to the test it happened in), `--jobs` children at a time. A broken or hostile
submission costs only its own points.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import sys
import tempfile
from pathlib import Path

from kata.core.manifest import Exercise
from kata.core.results import TestResult
from kata.engine.scheduler import Job, run_grouped
from kata.instructor.submissions import graded_folder


def submissions_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))


def errors_of(results: dict[str, list[TestResult]]) -> list[str]:
    """Per exercise, the first failure that is not a wrong answer: crash, hang, syntax, missing file."""
    errors = []
    for exercise, tests in results.items():
        for result in tests:
            if result.kind == "error":
                errors.append(f"{exercise}: {first_sentence(result.message)}")
                break
    return errors


def first_sentence(message: str) -> str:
    """A message's first sentence, whole: up to the first ". " or the end of its first line.
    Dots inside names (ex06_rnn_from_scratch.rnn_cell, 0.5) do not end a sentence."""
    line = message.strip().splitlines()[0] if message.strip() else ""
    match = re.search(r"[.!?](?=\s)", line)
    return line[: match.start() + 1] if match else line


class Progress:
    """A one-line progress bar on a terminal; a line per tenth elsewhere (CI logs)."""

    def __init__(self, total: int) -> None:
        self.total, self.done = total, 0
        self.tty = sys.stderr.isatty()

    def step(self, name: str) -> None:
        self.done = min(self.done + 1, self.total)  # a job graded again is not counted twice
        filled = int(30 * self.done / max(self.total, 1))
        line = f"grading [{'#' * filled}{'.' * (30 - filled)}] {self.done}/{self.total}  {name}"
        if self.tty:
            print("\r" + line[:100].ljust(100), end="" if self.done < self.total else "\n", file=sys.stderr, flush=True)
        elif self.done == self.total or self.done % max(self.total // 10, 1) == 0:
            print(line, file=sys.stderr, flush=True)


def grade_all(
    folder: Path, exercises: list[Exercise], *, timeout: float, parallel: int, hidden: bool = True
) -> list[dict]:
    students = submissions_in(folder)
    scratch = Path(tempfile.mkdtemp(prefix="kata-submissions-"))
    jobs = {
        student.name: Job(exercises, graded_folder(student, scratch / student.name), hidden=hidden)
        for student in students
    }
    progress = Progress(len(jobs))
    names = {id(job): name for name, job in jobs.items()}
    try:
        run_grouped(
            list(jobs.values()), timeout=timeout, parallel=parallel, on_done=lambda job: progress.step(names[id(job)])
        )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    book = []
    for name, job in jobs.items():
        results = job.results_by_exercise()
        scores = {
            e: {
                "score": sum(r.points for r in tests if r.passed),
                "max_score": sum(r.points for r in tests),
                "passed": sum(r.passed for r in tests),
                "tests": len(tests),
            }
            for e, tests in results.items()
        }
        book.append(
            {
                "student": name,
                "exercises": scores,
                "total": sum(s["score"] for s in scores.values()),
                "max_total": sum(s["max_score"] for s in scores.values()),
                "errors": errors_of(results),
            }
        )
    return book


def write_gradebook(book: list[dict], exercises: list[Exercise], csv_path: Path) -> Path:
    """The CSV (student, one score column per exercise, total, max_total, errors) and the same
    data as JSON beside it. Returns the JSON's path."""
    csv_path.parent.mkdir(parents=True, exist_ok=True)
    with csv_path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["student", *(e.name for e in exercises), "total", "max_total", "errors"])
        for row in book:
            writer.writerow(
                [
                    row["student"],
                    *(f"{row['exercises'][e.name]['score']:g}" for e in exercises),
                    f"{row['total']:g}",
                    f"{row['max_total']:g}",
                    " | ".join(row["errors"]),
                ]
            )
    json_path = csv_path.with_suffix(".json")
    json_path.write_text(json.dumps({"students": book}, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return json_path
