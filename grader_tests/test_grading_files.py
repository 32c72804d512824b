"""The one list of grading files (kata/core/grading_files.py) covers every file of the checkout
that a grade reads, so the tamper check, the student copy and the Gradescope bundle cover it too.
The list's own rules (every module listed, the copy and the bundle built from it) are checked
in-process in unit/test_core.py."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kata import ROOT, SOLUTIONS_DIR
from kata.core.grading_files import is_grading_file

# Records every file of the checkout that the grader or a judge opens, then grades.
RECORDING_GRADE = """
import os, sys
root, log = os.path.realpath(sys.argv[1]) + os.sep, os.open(sys.argv[2], os.O_WRONLY | os.O_APPEND | os.O_CREAT)
ignored = (os.path.realpath(sys.prefix) + os.sep, root + ".hypothesis")  # the interpreter's packages; a cache
def record(event, args):
    if event == "open" and isinstance(args[0], str) and os.path.isabs(args[0]):
        path = os.path.realpath(args[0])
        if path.startswith(root) and not path.startswith(ignored) and "__pycache__" not in path:
            os.write(log, (path[len(root):] + "\\n").encode())
sys.addaudithook(record)
from kata.cli import main
sys.exit(main(sys.argv[3:]))
"""


@pytest.mark.timeout(300)
def test_every_file_a_grade_reads_is_a_grading_file(tmp_path: Path) -> None:
    log = tmp_path / "opened.txt"
    env = {
        **os.environ,
        "KATA_LANG": "ko",
        "KATA_DEVICE": "cpu",
        "KATA_STATE_DIR": str(tmp_path / "state"),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    args = ["grade", f"--impl={SOLUTIONS_DIR}", f"--results={tmp_path / 'results.json'}"]
    proc = subprocess.run(
        [sys.executable, "-c", RECORDING_GRADE, str(ROOT), str(log), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    opened = set(log.read_text().split())
    graded = {name for name in opened if not name.startswith("solutions/")}
    assert "tests/test_ex03_rnn.py" in graded and "kata/engine/plugin.py" in graded, "the recording saw the grade"
    outside = sorted(name for name in graded if not is_grading_file(name))
    assert not outside, f"a grade reads these files, which GRADING_FILES does not list: {outside}"
