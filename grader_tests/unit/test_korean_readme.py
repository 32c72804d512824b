"""Review 22, class 1: README.ko.md says what README.md says, no more and no less. A program cannot
read meaning, but it can see the commands each README runs, the code each comment names, and the
facts review found one README stating without the other."""

from __future__ import annotations

import re

from kata import ROOT

SHELL_BLOCK = re.compile(r"```(?:sh|powershell)\n(.*?)```", re.S)
CODE_IN_COMMENT = re.compile(r"make [a-z]+|\./\.venv|torch")
LANGUAGE_LINE = re.compile(r"KATA_LANG")  # the Korean README adds the line that turns Korean on

# (English, Korean): the facts review 22 found in one README only. Each README says both or neither.
FACTS = [
    ("not as 3 words\nof 5 letters but as one batch of 5 sequences over 3 time steps", "5글자 단어 3개로 읽지 않고"),
    ("Each time step's output is the hidden state", "각 시점의 출력은 그 시점까지"),
    ("read its docstring (the task, the shapes, the note's\nexample)", "연습 설명(할 일, 모양, 노트의 예제)"),
    ("`KATA_LANG=ko` shows every message in Korean", "`KATA_LANG=ko`로 모든 메시지를 한국어로"),
]


def commented_commands(markdown: str) -> list[tuple[str, set[str]]]:
    """Each command of the shell blocks with the code its comment names ("make install", "./.venv")."""
    found = []
    for block in SHELL_BLOCK.findall(markdown):
        for line in block.splitlines():
            if not line.strip() or LANGUAGE_LINE.search(line.split("#")[0]):
                continue
            command, _, comment = line.partition("#")
            found.append((command.strip(), set(CODE_IN_COMMENT.findall(comment))))
    return found


def test_the_readmes_run_the_same_commands_and_their_comments_name_the_same_code() -> None:
    english = commented_commands((ROOT / "README.md").read_text(encoding="utf-8"))
    korean = commented_commands((ROOT / "README.ko.md").read_text(encoding="utf-8"))
    assert [c for c, _ in english] == [c for c, _ in korean]
    dropped = [(c, en - ko) for (c, en), (_, ko) in zip(english, korean) if en - ko]
    assert english and not dropped, dropped
    old = "```powershell\npython -m kata setup    # ./.venv를 만듭니다\n```"  # review 22, README.ko.md:36
    assert commented_commands(old) == [("python -m kata setup", {"./.venv"})]
    assert english[1] == ("python -m kata setup", {"make install", "./.venv"})


def test_each_fact_the_review_found_in_one_readme_is_in_both() -> None:
    english = (ROOT / "README.md").read_text(encoding="utf-8")
    korean = (ROOT / "README.ko.md").read_text(encoding="utf-8")
    one_sided = [(en, ko) for en, ko in FACTS if (en in english) != (ko in korean)]
    assert not one_sided, one_sided
    assert all(en in english for en, _ in FACTS)
