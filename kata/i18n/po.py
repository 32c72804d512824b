"""Reads and writes gettext PO files, the catalogue format translators' tools (Poedit, Weblate,
msgmerge) work on.

A small reader of our own rather than polib: the learner's install stays as it is (nothing to
download beside torch, and nothing more to keep up to date), and the kata needs only the part of
the format its catalogue uses: msgctxt, msgid, msgstr, the fuzzy flag, the previous msgid (#|) and
obsolete entries (#~). Plural forms (msgid_plural) are refused with the line they are on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
WIDTH = 79  # msgcat's: a quoted line, its quotes included, fits in 79 columns


@dataclass
class Entry:
    msgid: str
    msgstr: str = ""
    msgctxt: str | None = None
    flags: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)  # "# ..." and "#. ..." lines, as written
    previous: str | None = None  # the msgid the translation was made from ("#| msgid"), when fuzzy
    obsolete: bool = False  # "#~": kept for reference, never used

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def translated(self) -> bool:
        """Whether this entry's translation is shown: not fuzzy, not obsolete, not empty."""
        return bool(self.msgstr) and not self.fuzzy and not self.obsolete and self.msgid != ""


class POError(ValueError):
    pass


def unquote(literal: str, line_number: int) -> str:
    literal = literal.strip()
    if len(literal) < 2 or literal[0] != '"' or literal[-1] != '"':
        raise POError(f"line {line_number}: a quoted string expected, not {literal!r}")
    out = []
    body = literal[1:-1]
    index = 0
    while index < len(body):
        char = body[index]
        if char == "\\":
            escaped = body[index + 1 : index + 2]
            if escaped not in ESCAPES:
                raise POError(f"line {line_number}: unknown escape \\{escaped}")
            out.append(ESCAPES[escaped])
            index += 2
            continue
        if char == '"':
            raise POError(f"line {line_number}: an unescaped quote inside {literal!r}")
        out.append(char)
        index += 1
    return "".join(out)


def parse(text: str) -> list[Entry]:
    """Every entry of a PO file in order, the header (msgid "") included."""
    reader = _Reader()
    for number, raw in enumerate(text.splitlines(), start=1):
        reader.line(raw, number)
    reader.finish()
    return reader.entries


class _Reader:
    """parse's state between lines: the entry being read, the field a continuation line adds
    to, and the comments, flags and previous msgid waiting for the next entry."""

    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self.current: Entry | None = None
        self.keyword: str | None = None
        self.flags: list[str] = []
        self.comments: list[str] = []
        self.previous: list[str] = []
        self.obsolete = False

    def finish(self) -> None:
        if self.current is not None:
            self.entries.append(self.current)
        self.current, self.keyword, self.obsolete = None, None, False

    def after_msgstr(self) -> bool:
        return self.current is not None and self.keyword == "msgstr"

    def line(self, raw: str, number: int) -> None:
        line = raw.strip()
        if not line:
            self.finish()
            return
        if line.startswith("#~"):
            line = line[2:].strip()
            if self.current is not None and not self.current.obsolete and self.keyword == "msgstr":
                self.finish()
            self.obsolete = True
            if not line:
                return
        elif line.startswith("#"):
            self.comment(raw, line, number)
            return
        if line.startswith('"'):
            if self.current is None or self.keyword is None:
                raise POError(f"line {number}: a string outside any entry")
            setattr(self.current, self.keyword, getattr(self.current, self.keyword) + unquote(line, number))
            return
        self.field(line, number)

    def comment(self, raw: str, line: str, number: int) -> None:
        if self.after_msgstr():
            self.finish()
        if line.startswith("#,"):
            self.flags += [f.strip() for f in line[2:].split(",") if f.strip()]
        elif line.startswith("#|"):
            previous = line[2:].strip()
            if previous.startswith("msgid "):
                self.previous.append(unquote(previous[len("msgid ") :], number))
            elif previous.startswith('"') and self.previous:
                self.previous[-1] += unquote(previous, number)
        else:
            self.comments.append(raw)

    def field(self, line: str, number: int) -> None:
        word, _, rest = line.partition(" ")
        if word in ("msgid_plural",) or word.startswith("msgstr["):
            raise POError(f"line {number}: plural forms are not supported")
        if word not in ("msgctxt", "msgid", "msgstr"):
            raise POError(f"line {number}: {word!r} is not a PO keyword")
        if word in ("msgctxt", "msgid") and self.after_msgstr():
            self.finish()
        if self.current is None:
            self.current = Entry(msgid="", obsolete=self.obsolete)
            self.current.flags, self.current.comments = self.flags, self.comments
            self.current.previous = self.previous[0] if self.previous else None
            self.flags, self.comments, self.previous = [], [], []
            self.current.msgctxt = None
        value = unquote(rest, number)
        if word == "msgctxt":
            self.current.msgctxt = value
        else:
            setattr(self.current, word, value)
        self.keyword = word


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\n", "\\n") + '"'


def pieces(text: str, room: int) -> list[str]:
    """text cut after each newline and, within a line, after a space so each piece fits room."""
    out = []
    for line in text.splitlines(keepends=True):
        while len(quote(line)) > room and " " in line[:-1]:
            cut = line.rfind(" ", 0, max(room - 2, 1))
            while cut > 0 and len(quote(line[: cut + 1])) > room:
                cut = line.rfind(" ", 0, cut)
            if cut <= 0:
                cut = line.find(" ")
            out.append(line[: cut + 1])
            line = line[cut + 1 :]
        out.append(line)
    return out


def field_lines(keyword: str, text: str, prefix: str = "") -> list[str]:
    single = f"{prefix}{keyword} {quote(text)}"
    if "\n" not in text.rstrip("\n") and len(single) <= WIDTH:
        return [single]
    return [f'{prefix}{keyword} ""'] + [prefix + quote(piece) for piece in pieces(text, WIDTH - len(prefix))]


def dump(entries: list[Entry]) -> str:
    """The entries as a PO file, wrapped as msgcat wraps them."""
    blocks = []
    for entry in entries:
        lines = list(entry.comments)
        if entry.flags:
            lines.append("#, " + ", ".join(entry.flags))
        if entry.previous is not None:
            lines += field_lines("msgid", entry.previous, "#| ")
        prefix = "#~ " if entry.obsolete else ""
        if entry.msgctxt is not None:
            lines += field_lines("msgctxt", entry.msgctxt, prefix)
        lines += field_lines("msgid", entry.msgid, prefix)
        lines += field_lines("msgstr", entry.msgstr, prefix)
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"
