"""Golden-scenario machinery: build a scenario's tree, grade it through the real CLI, snapshot it."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from kata import EXERCISES_DIR, ROOT, SOLUTIONS_DIR

SCENARIOS = Path(__file__).parent / "scenarios"


@dataclass
class Graded:
    """One scenario's grading run: the tree it graded, what the grader wrote and printed."""

    name: str
    expected: dict
    tree: Path
    results: dict
    returncode: int
    stdout: str
    before: dict[str, str]
    after: dict[str, str]
    left_in_tmp: list[str]


def snapshot(folder: Path) -> dict[str, str]:
    """Every file below folder with a hash of its bytes and its modification time."""
    return {
        str(p.relative_to(folder)): f"{hashlib.sha256(p.read_bytes()).hexdigest()}:{p.stat().st_mtime_ns}"
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def build_tree(scenario: Path, expected: dict, workdir: Path) -> Path:
    tree = workdir / scenario.name
    tree.mkdir(parents=True)
    base = {"solutions": SOLUTIONS_DIR, "exercises": EXERCISES_DIR}.get(expected.get("base") or "")
    if base is not None:
        for source in base.glob("ex*.py"):
            shutil.copy2(source, tree / source.name)
    for source in (scenario / "submission").glob("*.py"):
        shutil.copy2(source, tree / source.name)
    return tree


def grade(
    tree: Path, results: Path, timeout: float, *extra: str, env: dict | None = None
) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "KATA_DEVICE": os.environ.get("KATA_DEVICE", "cpu"),
        "PYTHONDONTWRITEBYTECODE": "1",
        "KATA_LANG": "en",
        **(env or {}),
    }
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "kata",
            "grade",
            f"--impl={tree}",
            f"--results={results}",
            f"--timeout={timeout}",
            *extra,
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def run_scenario(scenario: Path, workdir: Path) -> Graded:
    expected = json.loads((scenario / "expected.json").read_text())
    tree = build_tree(scenario, expected, workdir)
    before = snapshot(tree)
    results_path = workdir / f"{scenario.name}.results.json"
    tmp = workdir / f"{scenario.name}.tmp"  # the grader's temporary files go here, to be checked
    tmp.mkdir()
    only = list(expected["exercises"])  # grade just the exercises the scenario is about
    proc = grade(tree, results_path, float(expected.get("timeout", 10)), *only, env={"TMPDIR": str(tmp)})
    results = json.loads(results_path.read_text()) if results_path.exists() else {}
    left = sorted(str(p.relative_to(tmp)) for p in tmp.rglob("*"))
    output = proc.stdout + proc.stderr
    return Graded(scenario.name, expected, tree, results, proc.returncode, output, before, snapshot(tree), left)
