"""kata.ipynb, the kata as a notebook (Colab, Jupyter), made from the stubs and the manifest:
`python -m kata freeze-stubs` rewrites it with kata/learner/stubs.json, and
grader_tests/test_notebook.py fails while it differs from what `build` makes.

One set-up cell; then per exercise its instructions (the stub's docstring), a cell that starts
with `%%kata exNN` and holds the stub (running it saves the cell as the exercise's file and
grades it: the verdict is that cell's output); last, a cell that grades everything.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

from kata import ROOT
from kata.compat import tomllib
from kata.core.launcher import NOTEBOOK, as_typed

NOTEBOOK_PATH = ROOT / "kata.ipynb"
# A notebook opened on its own (Colab) downloads the kata from KATA_REPOSITORY, which is empty here:
# `make release OUT=dir REPO=owner/name [BRANCH=main]` writes the course's repository into the
# copy's notebook and its READMEs' "Open in Colab" links (kata.instructor.bundle.point_at).
REPOSITORY_LINE, BRANCH_LINE = "KATA_REPOSITORY = ", "KATA_BRANCH = "
# Printed by the set-up cell in one line of at most 80 columns (Hangul counts two), as the reports are.
ALONE = "This notebook came alone: set KATA_REPOSITORY (owner/name) above, then rerun it."
# The Korean says why (the ninth review) in two printed lines, each a source line of the cell.
ALONE_KO_LINES = (
    "kata 폴더 없이 노트북만 열었습니다. 위 KATA_REPOSITORY에",
    "이 kata의 GitHub 저장소(owner/name)를 적고 이 셀을 다시 실행하세요.",
)
ALONE_KO = "\\n".join(ALONE_KO_LINES)

SETUP = f'''# Set-up: run this cell first, once per session (Colab or Jupyter). It finds the kata (in Colab
# it downloads it), installs only what this Python lacks (a torch 2.11 to 2.13 already here is
# kept), and loads the %kata commands.
# 한국어로 보려면 아래 `os.environ["KATA_LANG"] = "ko"` 줄 앞의 `#`을 지우고
# 이 셀을 실행하세요.
import os
import subprocess
import sys

# os.environ["KATA_LANG"] = "ko"
{REPOSITORY_LINE}""  # the course's GitHub repository, owner/name: where a notebook opened alone gets the kata
{BRANCH_LINE}"main"
# Opened alone with KATA_REPOSITORY empty, the cell only says where to write the address.
if os.path.exists("kata.toml") or os.path.exists("rnn-basics-kata/kata.toml") or KATA_REPOSITORY:
    if not os.path.exists("kata.toml"):  # the notebook came alone (Colab): fetch the kata beside it
        if not os.path.exists("rnn-basics-kata/kata.toml"):
            address = "https://github.com/" + KATA_REPOSITORY
            subprocess.run(
                ["git", "clone", "-q", "--depth=1", "-b", KATA_BRANCH, address, "rnn-basics-kata"], check=True
            )
        os.chdir("rnn-basics-kata")
    if os.getcwd() not in sys.path:
        sys.path.insert(0, os.getcwd())
    %reload_ext kata
    %kata setup
else:
    print(
        "{ALONE_KO_LINES[0]}\\n"
        "{ALONE_KO_LINES[1]}"
        if os.environ.get("KATA_LANG", "").startswith("ko")
        else "{ALONE}"
    )'''

INTRO = """# RNN basics kata, in a notebook

Learn `torch.nn.RNN` by making tests pass, here in Colab or Jupyter. Run the set-up cell first.
Then, for each exercise: read its instructions, write your code in the cell below them (replace
each `raise NotImplementedError(...)`), and run the cell. Its first line, `%%kata ex01`, saves
the cell as `exercises/ex01_one_hot.py` (your previous version is backed up in `.kata/backups/`)
and grades it: the verdict appears under the cell. Run it again until it passes.

Other commands, each in a cell of its own: `%kata hint ex01` (a hint; again for a stronger one),
`%kata explain ex01` (the instructions), `%kata test` (every exercise), `%kata list`,
`%kata reset ex01` (the stub back). On a GPU runtime the tests run on the GPU; the report's
first line names the device.

한국어: 설정 셀의 `os.environ["KATA_LANG"] = "ko"` 줄 앞의 `#`을 지우고 실행하면
설명, 힌트와 채점 결과가 한국어로 나옵니다. `%kata explain ex01`은 연습 설명을
한국어로 보여 줍니다."""

DONE = """## Every exercise

`%kata test` grades them all: a scoreboard, the first failing exercise's messages, and what to
do next."""


def _cell(kind: str, text: str) -> dict:
    cell: dict[str, object] = {"cell_type": kind, "metadata": {}, "source": text.splitlines(keepends=True)}
    if kind == "code":
        cell.update(execution_count=None, outputs=[])
    return cell


def instructions_markdown(stub: str) -> str:
    """The stub's docstring as Markdown: reStructuredText's double backticks become single ones."""
    doc = ast.get_docstring(ast.parse(stub)) or ""
    return doc.replace("``", "`")


def stub_cell(name: str, stub: str) -> str:
    """An exercise's stub as its notebook cell holds it: the commands it names in the notebook's way."""
    return as_typed(stub, how=NOTEBOOK, exercise=name)


def build(stubs: dict[str, str]) -> dict:
    with (ROOT / "kata.toml").open("rb") as fh:
        manifest = tomllib.load(fh)["exercise"]  # English, whatever KATA_LANG says
    cells = [_cell("markdown", INTRO), _cell("code", SETUP)]
    for entry in manifest:
        name, short = entry["name"], entry["name"].split("_", 1)[0]
        heading = f"## {name}: {entry['title']}\n\nYou write: {entry['task']}.\n\n"
        # commands as a notebook types them (`%kata explain ex01`, not `make explain EX=ex01`)
        cells.append(_cell("markdown", heading + instructions_markdown(stub_cell(name, stubs[name]))))
        cells.append(_cell("code", f"%%kata {short}\n" + stub_cell(name, stubs[name]).rstrip("\n")))
    cells += [_cell("markdown", DONE), _cell("code", "%kata test")]
    return {
        "cells": cells,
        "metadata": {
            "colab": {"provenance": []},
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def text(stubs: dict[str, str]) -> str:
    notebook = build(stubs)
    for number, cell in enumerate(notebook["cells"]):
        cell["id"] = f"cell-{number:02d}"  # stable ids: regenerating changes nothing
    return json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"


def write(stubs: dict[str, str], path: Path = NOTEBOOK_PATH) -> Path:
    path.write_text(text(stubs), encoding="utf-8")
    return path
