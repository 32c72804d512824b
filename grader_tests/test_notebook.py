"""The notebook way in (issue 18): kata.ipynb run headless in a real Jupyter kernel (nbclient),
in a student copy with no ./.venv, over this Python, where torch and the rest are installed
already, as in Colab. Set-up must install nothing, `%%kata exNN` must save the cell (the old
file backed up as `make reset` does) and grade it, a right answer must pass and a wrong one
must show its message, with every command named the notebook's way (`%kata ...`)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from kata import ROOT, SOLUTIONS_DIR
from kata.instructor import notebook
from kata.instructor.bundle import COLAB_LINK
from kata.learner.commands import load_stubs

pytestmark = pytest.mark.timeout(300)


def outputs_of(cell: dict) -> str:
    texts = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream":
            texts.append(output["text"])
        elif output.get("output_type") == "error":
            texts.append("\n".join(output.get("traceback", [])))
        else:
            texts.append(output.get("data", {}).get("text/plain", ""))
    return "".join(texts)


def test_the_notebook_is_made_from_the_stubs() -> None:
    assert (ROOT / "kata.ipynb").read_text(encoding="utf-8") == notebook.text(load_stubs()), (
        "kata.ipynb is out of date: run `python -m kata freeze-stubs`"
    )


def test_the_readmes_have_no_dead_colab_link_and_a_release_links_the_course(tmp_path: Path) -> None:
    """A learner who clones this repository reads its READMEs: no link there names a placeholder
    (OWNER/...), which Colab could not open. Each says how to open the notebook in Colab without
    an address, and `make release REPO=owner/name` turns exactly that into the course's link
    (kata.instructor.bundle.point_at finds it wherever it sits)."""
    import re
    import shutil

    from kata.instructor.bundle import point_at

    for readme in ("README.md", "README.ko.md"):
        text = (ROOT / readme).read_text(encoding="utf-8")
        assert "OWNER" not in text and not COLAB_LINK.findall(text), readme
        shutil.copy(ROOT / readme, tmp_path / readme)
    point_at(tmp_path, "prof-kim/rnn-course", "fall")
    link = "https://colab.research.google.com/github/prof-kim/rnn-course/blob/fall/kata.ipynb"
    for readme in ("README.md", "README.ko.md"):
        text = (tmp_path / readme).read_text(encoding="utf-8")
        assert COLAB_LINK.findall(text) and re.findall(r"\]\(https://colab[^)]*\)", text) == [f"]({link})"], text


def test_notebook_in_a_kernel_saves_grades_and_installs_nothing(tmp_path: Path, monkeypatch) -> None:
    copy = tmp_path / "kata"
    made = subprocess.run(
        [sys.executable, "-m", "kata", "release", f"--out={copy}"], cwd=ROOT, capture_output=True, text=True
    )
    assert made.returncode == 0, made.stderr
    assert not (copy / ".venv").exists()
    book = nbformat.read(copy / "kata.ipynb", as_version=4)
    cells = {"".join(c.source).split("\n", 1)[0]: c for c in book.cells if c.cell_type == "code"}
    setup = book.cells[1]
    assert "%kata setup" in setup.source
    right = cells["%%kata ex01"]
    right.source = "%%kata ex01\n" + (SOLUTIONS_DIR / "ex01_one_hot.py").read_text(encoding="utf-8")
    wrong = cells["%%kata ex02"]
    wrong.source = "%%kata ex02\n" + (ROOT / "grader_tests" / "readme_sample" / "ex02_batch.py").read_text(
        encoding="utf-8"
    )
    hint = nbformat.v4.new_code_cell("%kata hint ex02")
    # The learner tries their own functions in the kernel, as a cell of their own.
    tried = nbformat.v4.new_code_cell(
        'print(build_vocab(["hello"]))\nfrom ex01_one_hot import encode_word\nprint(encode_word("hi", ["h", "i"]).shape)'
    )
    # ex03 was solved in a terminal; its cell, untouched, is run ("Run All"): the file stays.
    solved_elsewhere = (SOLUTIONS_DIR / "ex03_rnn.py").read_text(encoding="utf-8")
    (copy / "exercises" / "ex03_rnn.py").write_text(solved_elsewhere, encoding="utf-8")
    untouched = cells["%%kata ex03"]
    # ex04's cell, untouched, over ex04's untouched stub: the file is not rewritten in the cell's words.
    stub_file = (copy / "exercises" / "ex04_shapes.py").read_text(encoding="utf-8")
    # The set-up cell, then ex01 and ex02 as a learner writes them; the other three stay unrun.
    book.cells = [book.cells[0], setup, right, wrong, hint, tried, untouched, cells["%%kata ex04"]]
    state = copy / ".kata"
    profiles = tmp_path / "ipython"  # IPython's own folder, not this machine's
    settings = {"KATA_STATE_DIR": str(state), "KATA_DEVICE": "cpu", "KATA_LANG": "en", "IPYTHONDIR": str(profiles)}
    for name, value in settings.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("KATA_LAUNCHER", raising=False)
    client = NotebookClient(book, kernel_name="python3", timeout=240, resources={"metadata": {"path": str(copy)}})
    client.execute()
    shown = [outputs_of(cell) for cell in book.cells[1:]]
    for text in shown:
        assert "Traceback" not in text, text

    assert "Nothing to install" in shown[0] and "pip install" not in shown[0], shown[0]
    assert "\x1b" not in "".join(shown), "no escape codes in a notebook's output"
    assert not (copy / ".venv").exists()

    written = (copy / "exercises" / "ex01_one_hot.py").read_text(encoding="utf-8")
    # The cell's first line stays, as a comment: line N of the file is line N of the cell.
    assert written == "# %%kata ex01\n" + (SOLUTIONS_DIR / "ex01_one_hot.py").read_text(encoding="utf-8")
    backups = sorted((state / "backups").glob("ex01_one_hot.*.py"))
    assert backups == [], "the untouched stub it replaced needs no backup: reset brings it back"
    assert "Saved this cell as exercises/ex01_one_hot.py" in shown[1] and "previous version" not in shown[1], shown[1]
    assert "done" in shown[1] and "Every chosen exercise passes. %kata test grades them all." in shown[1], shown[1]

    assert "failing" in shown[2] and "The batch and seq_len axes look swapped" in shown[2], shown[2]
    assert "%kata hint ex02" in shown[3] and "make " not in shown[3], shown[3]
    # In a notebook the learner re-runs a cell: no file to open, no command to type again.
    assert "Open exercises/" not in shown[2] and "Next: exercises/" not in shown[2], shown[2]
    assert "%%kata ex02" in shown[2], shown[2]
    assert "['h', 'e', 'l', 'o']" in shown[4] and "(2, 2)" in shown[4], shown[4]
    assert (copy / "exercises" / "ex03_rnn.py").read_text(encoding="utf-8") == solved_elsewhere
    assert "untouched" in shown[5] and "done" in shown[5], shown[5]
    assert (copy / "exercises" / "ex04_shapes.py").read_text(encoding="utf-8") == stub_file
    assert "Saved this cell" not in shown[6], shown[6]
    progress = json.loads((state / "progress.json").read_text(encoding="utf-8"))["exercises"]
    assert progress["ex01_one_hot"]["passed"] == progress["ex01_one_hot"]["total"]
    assert progress["ex02_batch"]["passed"] < progress["ex02_batch"]["total"]

    # After a restart (a kernel that has not run the set-up cell), %%kata points to the set-up cell.
    restarted = subprocess.run(
        [sys.executable, "-m", "IPython", "--no-banner", "-c", "get_ipython().run_cell_magic('kata', 'ex01', 'x = 1')"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    said = [line for line in restarted.stdout.splitlines() if line.strip()]  # one message, wrapped to 80 columns
    assert len(said) <= 2 and all(len(line) <= 80 for line in said), restarted
    assert "set-up cell" in " ".join(said) and "not found" not in restarted.stdout, restarted
