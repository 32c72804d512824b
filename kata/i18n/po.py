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
    entries: list[Entry] = []
    current: Entry | None = None
    keyword: str | None = None  # the field a continuation line adds to
    pending_flags: list[str] = []
    pending_comments: list[str] = []
    pending_previous: list[str] = []
    obsolete = False

    def finish() -> None:
        nonlocal current, keyword, obsolete
        if current is not None:
            entries.append(current)
        current, keyword, obsolete = None, None, False

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            finish()
            continue
        if line.startswith("#~"):
            line = line[2:].strip()
            if current is not None and not current.obsolete and keyword == "msgstr":
                finish()
            obsolete = True
            if not line:
                continue
        elif line.startswith("#"):
            if current is not None and keyword == "msgstr":
                finish()
            if line.startswith("#,"):
                pending_flags += [f.strip() for f in line[2:].split(",") if f.strip()]
            elif line.startswith("#|"):
                previous = line[2:].strip()
                if previous.startswith("msgid "):
                    pending_previous.append(unquote(previous[len("msgid ") :], number))
                elif previous.startswith('"') and pending_previous:
                    pending_previous[-1] += unquote(previous, number)
            else:
                pending_comments.append(raw)
            continue
        if line.startswith('"'):
            if current is None or keyword is None:
                raise POError(f"line {number}: a string outside any entry")
            setattr(current, keyword, getattr(current, keyword) + unquote(line, number))
            continue
        word, _, rest = line.partition(" ")
        if word in ("msgid_plural",) or word.startswith("msgstr["):
            raise POError(f"line {number}: plural forms are not supported")
        if word not in ("msgctxt", "msgid", "msgstr"):
            raise POError(f"line {number}: {word!r} is not a PO keyword")
        if word in ("msgctxt", "msgid") and current is not None and keyword == "msgstr":
            finish()
        if current is None:
            current = Entry(msgid="", obsolete=obsolete)
            current.flags, current.comments = pending_flags, pending_comments
            current.previous = pending_previous[0] if pending_previous else None
            pending_flags, pending_comments, pending_previous = [], [], []
            current.msgctxt = None
        value = unquote(rest, number)
        if word == "msgctxt":
            current.msgctxt = value
        else:
            setattr(current, word, value)
        keyword = word
    finish()
    return entries


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
