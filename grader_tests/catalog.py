"""Which learner-facing texts a language file (kata/i18n/locales/<lang>.po) lacks or has fuzzy.

`python -m grader_tests.catalog ko` lists them and prints the missing entries as PO to fill in;
`python -m grader_tests.catalog ko --update` merges the current English into the file as gettext's
msgmerge does: an entry whose English changed keeps its translation, marked fuzzy with the old
English as its previous msgid (#|), so a translator sees what changed and nothing is dropped
silently. A text that is gone is dropped, not kept as obsolete (#~): its old words would sit in the
file unchecked (issue 30's ninth review found 30 of them, with banned words). A fuzzy entry is not shown to learners, and
make check (grader_tests/unit/test_catalog.py) fails while any entry is missing or fuzzy.
"""

from __future__ import annotations

import ast
import collections
import dataclasses
import difflib
import functools
import json
import string
import sys
from pathlib import Path

from kata import ROOT
from kata.compat import tomllib
from kata.core.grading_files import PYTHON_SOURCES
from kata.core.manifest import MANIFEST_PATH
from kata.i18n import LOCALES_DIR, po

STUBS_JSON = ROOT / "kata" / "learner" / "stubs.json"  # the pristine stubs: their docstrings are the instructions
KEYED = ("exercises.", "instructions.")  # contexts that name one text: its English may change in place
SIMILAR = 0.6  # how alike an old English text must be to a new one to lend it its translation, as msgmerge

STUBS = "exercises/*.py"  # a stub's NotImplementedError text is shown translated by its exact English
MARKED_KEYWORDS = {"advice", "why", "case", "swap_hint", "outputs_hint", "h_n_hint", "values_advice", "h_n_advice"}


def english_texts() -> set[str]:
    """Every text wrapped in _() or N_(), passed as advice/why/swap_hint, or a test's docstring title."""
    texts: set[str] = set()
    for pattern in PYTHON_SOURCES:  # every Python grading file: a text anywhere in them is learner-facing
        for path in sorted(ROOT.glob(pattern)):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.Call):
                    if (
                        getattr(node.func, "id", None) in ("_", "N_")
                        and node.args
                        and isinstance(node.args[0], ast.Constant)
                    ):
                        texts.add(node.args[0].value)
                    for keyword in node.keywords:
                        if keyword.arg in MARKED_KEYWORDS and isinstance(keyword.value, ast.Constant):
                            texts.add(keyword.value.value)
                if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                    doc = ast.get_docstring(node)
                    if doc:
                        texts.add(doc.splitlines()[0].rstrip("."))
    return {t for t in texts | stub_texts() if isinstance(t, str) and t.strip()}


def stub_texts() -> set[str]:
    """The text of every `raise NotImplementedError("...")` in the exercise stubs."""
    texts = set()
    for path in sorted(ROOT.glob(STUBS)):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Raise)
                and isinstance(node.exc, ast.Call)
                and getattr(node.exc.func, "id", None) == "NotImplementedError"
                and node.exc.args
                and isinstance(node.exc.args[0], ast.Constant)
            ):
                texts.add(node.exc.args[0].value)
    return texts


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def placeholders_added(english: str, translation: str) -> list[str]:
    """The placeholders a translation fills in more often than its English does: the value said again
    (review 23, class 2: "연습 설명에 적힌 `{name}`으로" where the English names no name; query 8:
    "{what}" twice prints a long call twice). Fewer is a choice of wording, not an addition."""
    ours = collections.Counter(name for _, name, _, _ in string.Formatter().parse(english) if name)
    theirs = collections.Counter(name for _, name, _, _ in string.Formatter().parse(translation) if name)
    return sorted(f"{{{name}}}" for name in theirs if theirs[name] > ours[name])


def sources() -> list[po.Entry]:
    """Every English text to translate, as an untranslated entry: the messages, then each
    exercise's title, task and hints (kata.toml), then each exercise's instructions (the pristine
    stub's docstring)."""
    found = [po.Entry(msgid=text) for text in sorted(english_texts())]
    found += [po.Entry(msgctxt="test-id", msgid=text) for text in sorted(test_ids())]
    manifest = tomllib.loads(MANIFEST_PATH.read_text(encoding="utf-8"))
    for exercise in manifest["exercise"]:
        name = exercise["name"]
        found.append(po.Entry(msgctxt=f"exercises.{name}.title", msgid=exercise["title"]))
        found.append(po.Entry(msgctxt=f"exercises.{name}.task", msgid=exercise["task"]))
        for number, hint in enumerate(exercise.get("hints", []), start=1):
            found.append(po.Entry(msgctxt=f"exercises.{name}.hint.{number}", msgid=hint))
        for test, hint in exercise.get("test_hints", {}).items():
            found.append(po.Entry(msgctxt=f"exercises.{name}.test_hint.{test}", msgid=hint))
    stubs = json.loads(STUBS_JSON.read_text(encoding="utf-8"))
    for exercise in manifest["exercise"]:
        doc = ast.get_docstring(ast.parse(stubs.get(exercise["name"], "")))
        if doc:
            found.append(po.Entry(msgctxt=f"instructions.{exercise['name']}", msgid=doc))
    return found


def test_ids() -> set[str]:
    """The ids of parametrized tests in tests/ and hidden_tests/: a report shows them after the
    test's title ("[note-e]"), so they are translated too (msgctxt "test-id")."""
    from kata import HIDDEN_DIR
    from kata.instructor.bundle import ids_of_tests

    return ids_of_tests(ROOT / "tests") | ids_of_tests(HIDDEN_DIR)


def catalog_path(lang: str) -> Path:
    return LOCALES_DIR / f"{lang}.po"


def catalog_entries(lang: str) -> list[po.Entry]:
    """The language file's entries as it is now: parsed once per version of the file (the fast
    tier's Korean checks read it again and again), each caller given copies it may change."""
    path = catalog_path(lang)
    found = path.stat()
    return [
        dataclasses.replace(entry, flags=list(entry.flags), comments=list(entry.comments))
        for entry in parsed(path, found.st_mtime_ns, found.st_size)
    ]


@functools.cache
def parsed(path: Path, *_stamp: int) -> tuple[po.Entry, ...]:
    return tuple(po.parse(path.read_text(encoding="utf-8")))


def problems(lang: str, entries: list[po.Entry] | None = None, wanted: list[po.Entry] | None = None) -> list[str]:
    """What keeps the language file from being complete: each text missing, untranslated or fuzzy,
    each message whose {placeholders} differ from its English, each entry no text uses."""
    if entries is None:
        entries = catalog_entries(lang)
    wanted = sources() if wanted is None else wanted
    by_key = {(e.msgctxt, e.msgid): e for e in entries if not e.obsolete and e.msgid}
    found = []
    for source in wanted:
        where = f"{source.msgctxt}: " if source.msgctxt else ""
        entry = by_key.pop((source.msgctxt, source.msgid), None)
        if entry is None:
            found.append(f"missing: {where}{source.msgid[:300]!r}")
        elif entry.fuzzy:
            found.append(
                f"fuzzy (its English changed; check the translation, then drop the flag): {where}{source.msgid[:300]!r}"
            )
        elif not entry.msgstr:
            found.append(f"untranslated: {where}{source.msgid[:300]!r}")
        elif source.msgctxt is None and placeholders(source.msgid) != placeholders(entry.msgstr):
            found.append(f"placeholders differ: {source.msgid!r}")
        elif source.msgctxt is None and placeholders_added(source.msgid, entry.msgstr):
            found.append(f"placeholders said more often than in the English: {source.msgid!r}")
    for (context, msgid), _entry in by_key.items():
        where = f"{context}: " if context else ""
        found.append(f"unused (no text says this any more; --update drops it): {where}{msgid[:300]!r}")
    return found


def merge(entries: list[po.Entry], wanted: list[po.Entry]) -> list[po.Entry]:
    """The entries brought up to the English of `wanted`, as msgmerge does: an exact match is kept;
    an exercise field or instructions whose English changed, or a message close to a new one, keeps
    its translation marked fuzzy, with the English it was made from as previous msgid; what no
    text uses any more is dropped (an obsolete #~ entry already there lends its translation once,
    then goes); a new text gets an empty entry."""
    header = [e for e in entries if e.msgid == "" and not e.obsolete]
    current = [e for e in entries if e.msgid != "" and not e.obsolete]
    obsolete = [e for e in entries if e.obsolete]
    by_key = {(e.msgctxt, e.msgid): e for e in current}
    # an exercise field or instructions: one entry per context, whatever its English says
    by_context = {e.msgctxt: e for e in current if e.msgctxt is not None and e.msgctxt.startswith(KEYED)}
    replaced: dict[int, po.Entry] = {}  # id of an old entry: what stands in its place
    added: list[po.Entry] = []
    unmatched = []
    for source in wanted:
        old = by_key.get((source.msgctxt, source.msgid))
        if old is not None:
            replaced[id(old)] = old
        else:
            unmatched.append(source)
    free: dict[tuple[str | None, str], po.Entry] = {}  # (context, English) of what no text uses now
    for entry in [e for e in current if id(e) not in replaced] + obsolete:
        if not (entry.msgctxt or "").startswith(KEYED):
            free.setdefault((entry.msgctxt, entry.msgid), entry)
    for source in unmatched:
        old = by_context.get(source.msgctxt or "")
        if old is None:
            alike = [msgid for context, msgid in free if context == source.msgctxt]
            close = difflib.get_close_matches(source.msgid, alike, n=1, cutoff=SIMILAR)
            old = free.pop((source.msgctxt, close[0])) if close else None
        if old is None or not old.msgstr:
            added.append(po.Entry(msgid=source.msgid, msgctxt=source.msgctxt))
            continue
        flags = old.flags if old.fuzzy else [*old.flags, "fuzzy"]
        previous = old.previous if old.fuzzy and old.previous is not None else old.msgid
        new = po.Entry(
            msgid=source.msgid,
            msgstr=old.msgstr,
            msgctxt=source.msgctxt,
            flags=flags,
            comments=old.comments,
            previous=previous,
        )
        if old.obsolete:
            added.append(new)
        else:
            replaced[id(old)] = new
    result = list(header) + [replaced[id(entry)] for entry in current if id(entry) in replaced]
    return result + added


if __name__ == "__main__":
    lang = next((a for a in sys.argv[1:] if not a.startswith("-")), "ko")
    path = catalog_path(lang)
    entries = po.parse(path.read_text(encoding="utf-8"))
    if "--update" in sys.argv:
        entries = merge(entries, sources())
        path.write_text(po.dump(entries), encoding="utf-8")
        print(f"updated {path.relative_to(ROOT)}", file=sys.stderr)
    found = problems(lang, entries)
    keys = {(e.msgctxt, e.msgid) for e in entries if not e.obsolete}
    missing = [s for s in sources() if (s.msgctxt, s.msgid) not in keys]
    if missing:
        print(po.dump(missing), end="")
    for problem in found:
        print("#", problem, file=sys.stderr)
    sys.exit(1 if found else 0)
