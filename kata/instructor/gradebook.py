"""Grades a folder of submissions (one sub-folder per student) into a gradebook.

One child per submission runs all its tests (the watchdog and re-runs of kata.engine.scheduler keep a
crash or a hang to the test it happened in), `--jobs` children at a time. A broken or hostile
submission costs only its own points.
"""

from __future__ import annotations

import csv
import re
import shutil
import sys
import tempfile
from pathlib import Path

from kata.core.manifest import Exercise
from kata.core.results import FailureKind, TestResult
from kata.core.untrusted import clean, clean_all
from kata.engine.job import Job
from kata.engine.scheduler import run_grouped
from kata.instructor.submissions import graded_folder
from kata.render.formats import write_json


def submissions_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))


def errors_of(results: dict[str, list[TestResult]]) -> list[str]:
    """Per exercise, the first failure that is not a wrong answer: crash, hang, syntax, missing file."""
    errors = []
    for exercise, tests in results.items():
        for result in tests:
            if result.kind == FailureKind.ERROR:
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
    folder: Path,
    exercises: list[Exercise],
    *,
    timeout: float,
    parallel: int,
    hidden: bool = True,
    out: Path | None = None,
) -> list[dict]:
    """Every student's row, in the order of their folders. With `out`, the gradebook is written
    again, whole and atomically, as each student's grading ends: a failure later (a crash, a
    Ctrl-C) never costs the grades already given."""
    students = submissions_in(folder)
    scratch = Path(tempfile.mkdtemp(prefix="kata-submissions-"))
    jobs = {
        student.name: Job(exercises, graded_folder(student, scratch / student.name), hidden=hidden)
        for student in students
    }
    progress = Progress(len(jobs))
    names = {id(job): name for name, job in jobs.items()}
    rows: dict[str, dict] = {}

    def done(job: Job) -> None:
        name = names[id(job)]
        rows[name] = row_of(name, job)
        if out is not None:
            write_gradebook([rows[n] for n in jobs if n in rows], exercises, out)
        progress.step(name)

    try:
        run_grouped(list(jobs.values()), timeout=timeout, parallel=parallel, on_done=done)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return [rows.get(name) or row_of(name, job) for name, job in jobs.items()]


def row_of(name: str, job: Job) -> dict:
    """One student's row; a student whose results cannot be read gets an error row, never a crash."""
    try:
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
        errors = errors_of(results)
    except Exception as error:  # noqa: BLE001 - one student's failure must not cost another's grade
        scores, errors = {}, [f"kata: this submission's results could not be read ({type(error).__name__})"]
    return {
        "student": clean(name),
        "exercises": scores,
        "total": sum(s["score"] for s in scores.values()),
        "max_total": sum(s["max_score"] for s in scores.values()),
        "errors": [clean(e, 500) for e in errors],
    }


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what makes a spreadsheet read a cell as a formula


def as_text_cell(text: str) -> str:
    """A cell a spreadsheet shows as the text it is: a student's folder named `=HYPERLINK(...)`
    would otherwise open as a formula on the instructor's machine (OWASP: CSV injection)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_gradebook(book: list[dict], exercises: list[Exercise], csv_path: Path) -> Path:
    """The CSV (student, one score column per exercise, total, max_total, errors) and the same
    data as JSON beside it. Returns the JSON's path."""
    book = clean_all(book)  # type: ignore[assignment]
    csv_path.parent.mkdir(parents=True, exist_ok=True)
    partial = csv_path.with_name(f".{csv_path.name}.partial")
    with partial.open("w", newline="", encoding="utf-8", errors="replace") as fh:
        writer = csv.writer(fh)
        writer.writerow(["student", *(e.name for e in exercises), "total", "max_total", "errors"])
        for row in book:
            writer.writerow(
                [
                    as_text_cell(row["student"]),
                    *(f"{row['exercises'].get(e.name, {}).get('score', 0):g}" for e in exercises),
                    f"{row['total']:g}",
                    f"{row['max_total']:g}",
                    as_text_cell(" | ".join(row["errors"])),
                ]
            )
    partial.replace(csv_path)
    json_path = csv_path.with_suffix(".json")
    write_json({"students": book}, json_path)
    return json_path
