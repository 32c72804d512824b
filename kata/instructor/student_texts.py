"""The texts of a student copy, made from the same source files as the kata's own.

README.md, README.ko.md and the Makefile mark what only some copies hold:

    <!-- begin maintainer --> ... <!-- end maintainer -->     (Makefile: # begin maintainer / # end maintainer)
    a single line ending in <!-- maintainer -->              (Makefile: ending in # maintainer)

`maintainer` parts describe what only the kata's own checkout has (solutions/, hidden_tests/,
grader_tests/, bench/, docs/, CONTRIBUTING.md, the instructor commands, make check); `solutions`
parts what needs the reference solutions (make solution), kept in a self-study release
(`make release SOLUTIONS=yes`). The READMEs are the learner's pages (maintainers read
CONTRIBUTING.md and docs/), so little in them is marked: the contributors' line and
`make solution`. In rendered Markdown the marks are invisible comments.
"""

from __future__ import annotations

import re
from pathlib import Path

MARKED_FILES = ("README.md", "README.ko.md", "Makefile")
PARTS = ("maintainer", "solutions")


def _marks(comment: str) -> tuple[str, str, str]:
    """Block begin, block end and line-end patterns for one kind of comment."""
    if comment == "#":
        return r"^\s*# begin (\w+)\s*$", r"^\s*# end (\w+)\s*$", r"\s*# (\w+)\s*$"
    return r"^\s*<!-- begin (\w+) -->\s*$", r"^\s*<!-- end (\w+) -->\s*$", r"\s*<!-- (\w+) -->\s*$"


def select(text: str, keep: set[str], comment: str = "<!--") -> str:
    """The text with the parts not in `keep` left out, and every mark removed."""
    begin, end, line_end = _marks(comment)
    lines, dropping = [], []
    for line in text.splitlines():
        opened, closed = re.match(begin, line), re.match(end, line)
        if opened and opened.group(1) in PARTS:
            dropping.append(opened.group(1) not in keep)
            continue
        if closed and closed.group(1) in PARTS:
            dropping.pop()
            continue
        if any(dropping):
            continue
        tagged = re.search(line_end, line)
        if tagged and tagged.group(1) in PARTS:
            if tagged.group(1) not in keep:
                continue
            line = line[: tagged.start()]
        lines.append(line)
    selected = "\n".join(lines) + "\n"
    return re.sub(r"\n{3,}", "\n\n", selected)  # no double gaps where a part was left out


def write_student_texts(root: Path, out: Path, *, solutions: bool) -> None:
    """Rewrite the marked files in a student copy: no maintainer parts, solutions parts only
    when the copy ships the solutions."""
    keep = {"solutions"} if solutions else set()
    for name in MARKED_FILES:
        source = root / name
        if source.is_file():
            comment = "#" if name == "Makefile" else "<!--"
            (out / name).write_text(select(source.read_text(encoding="utf-8"), keep, comment), encoding="utf-8")
