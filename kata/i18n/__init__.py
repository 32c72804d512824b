"""Learner-facing texts in the learner's language.

English is the source: every text is written in English where it is used, wrapped in `_()`.
Each other language is one gettext PO file, kata/i18n/locales/<lang>.po (kata/i18n/po.py reads it):
an entry without msgctxt maps an English template (msgid) to its translation (same {placeholders});
msgctxt "exercises.<name>.title", ".task" and ".hint.<n>" (from 1) translate the manifest's fields,
"instructions.<name>" an exercise's instructions, each with the English it was translated from as
msgid, and "test-id" a parametrized test's id. Fuzzy entries (English changed since) are not shown.
A third language is a new file; `make check` lists any text a language file lacks or has fuzzy.

KATA_LANG=ko chooses Korean; otherwise LANG or LC_ALL starting with "ko" does.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import TypeVar, cast

from kata.i18n import korean, po

T = TypeVar("T")  # a manifest field's type: the translation has the English text's type

LOCALES_DIR = Path(__file__).resolve().parent / "locales"


def language() -> str:
    environ = os.environ
    return _language(environ.get("KATA_LANG", ""), environ.get("LC_ALL", ""), environ.get("LANG", ""))


@cache
def _language(kata_lang: str, lc_all: str, lang: str) -> str:
    """What language() says for these settings, worked out once (a grade translates thousands of
    texts; each looked for a language file on disk)."""
    wanted = kata_lang.strip().lower() or _system_language(lc_all, lang)
    wanted = wanted.split("_")[0].split(".")[0]
    return wanted if wanted and (LOCALES_DIR / f"{wanted}.po").exists() else "en"


def system_language() -> str:
    """The language the system's own settings choose ("ko" or ""): what a command gets where
    KATA_LANG is not set for it."""
    return _system_language(os.environ.get("LC_ALL", ""), os.environ.get("LANG", ""))


def _system_language(*settings: str) -> str:
    return "ko" if any(setting.lower().startswith("ko") for setting in settings) else ""


@cache
def catalog(lang: str) -> dict:
    """A language's shown translations: {"messages": {english: text}, "exercises": {name: {"title":
    text, "task": text, "hints": [text, ...]}}, "instructions": {name: text}}."""
    path = LOCALES_DIR / f"{lang}.po"
    if lang == "en" or not path.exists():
        return {}
    return as_catalog(po.parse(path.read_text(encoding="utf-8")))


def as_catalog(entries: list[po.Entry]) -> dict:
    found: dict = {"messages": {}, "exercises": {}, "instructions": {}, "test_ids": {}}
    for entry in entries:
        if not entry.translated:
            continue
        if entry.msgctxt is None:
            found["messages"][entry.msgid] = entry.msgstr
            continue
        kind, _, rest = entry.msgctxt.partition(".")
        if kind == "test-id":
            found["test_ids"][entry.msgid] = entry.msgstr
        elif kind == "instructions":
            found["instructions"][rest] = entry.msgstr
        elif kind == "exercises":  # exercises.<name>.title, .task, .hint.<n>, .test_hint.<test>
            name, _, part = rest.partition(".")
            fields = found["exercises"].setdefault(name, {})
            if part.startswith("hint.") and part[5:].isdigit():
                fields.setdefault("hints", {})[int(part[5:]) - 1] = entry.msgstr
            elif part.startswith("test_hint."):
                fields.setdefault("test_hints", {})[part.removeprefix("test_hint.")] = entry.msgstr
            else:
                fields[part] = entry.msgstr
    for fields in found["exercises"].values():  # hints as a list, a gap left None
        if "hints" in fields:
            hints = fields["hints"]
            fields["hints"] = [hints.get(i) for i in range(max(hints) + 1)]
    return found


def N_(text: str) -> str:
    """Marks a text for translation where it is defined; `_()` translates it where it is shown."""
    return text


def _(template: str, **values: object) -> str:
    """The template in the learner's language, filled in with values."""
    lang = language()
    text = catalog(lang).get("messages", {}).get(template, template)
    if not values:
        return text
    return korean.fill(text, values) if lang == "ko" else text.format(**values)


def and_list(items: list[str]) -> str:
    """Items joined for a sentence the house way: "A, B and C" in English, "A, B와 C" in Korean
    (the glossary's list rule; a list built at run time must not end on a bare comma)."""
    if len(items) < 2:
        return "".join(items)
    return _("{names} and {last}", names=", ".join(items[:-1]), last=items[-1])


def parameter_id(english: str) -> str:
    """A parametrized test's id (`ids=[...]`, shown after its title) in the learner's language."""
    return catalog(language()).get("test_ids", {}).get(english, english)


def exercise_text(name: str, field: str, english: T) -> T:
    """A manifest field (title, task, hints) of one exercise in the learner's language."""
    translated = catalog(language()).get("exercises", {}).get(name, {}).get(field)
    if translated is None:
        return english
    if isinstance(english, dict):  # test hints: one by one, English where a translation is missing
        return cast(T, {test: translated.get(test, text) for test, text in english.items()})
    if isinstance(english, list):  # hints: one by one, English where a translation is missing
        hints = [t if t is not None else e for t, e in zip(translated + [None] * len(english), english)]
        return cast(T, hints)
    return cast(T, translated)


def instructions(name: str) -> str | None:
    """An exercise's instructions in the learner's language (None: read the stub's docstring)."""
    return catalog(language()).get("instructions", {}).get(name)
