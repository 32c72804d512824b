"""Learner-facing texts in the learner's language.

English is the source: every text is written in English where it is used, wrapped in `_()`.
Each other language is one file, kata/i18n/locales/<lang>.toml: `[messages]` maps an English template
to its translation (same {placeholders}), `[exercises.<name>]` translates the manifest's title,
task and hints, and `[instructions]` holds each exercise's instructions. A third language is a
new file; `make check` lists any text a language file lacks.

KATA_LANG=ko chooses Korean; otherwise LANG or LC_ALL starting with "ko" does.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import TypeVar

from kata.compat import tomllib
from kata.i18n import korean

T = TypeVar("T")  # a manifest field's type: the translation has the English text's type

LOCALES_DIR = Path(__file__).resolve().parent / "locales"


def language() -> str:
    wanted = os.environ.get("KATA_LANG", "").strip().lower()
    if not wanted:
        for variable in ("LC_ALL", "LANG"):
            if os.environ.get(variable, "").lower().startswith("ko"):
                wanted = "ko"
                break
    wanted = wanted.split("_")[0].split(".")[0]
    return wanted if wanted and (LOCALES_DIR / f"{wanted}.toml").exists() else "en"


@cache
def catalog(lang: str) -> dict:
    path = LOCALES_DIR / f"{lang}.toml"
    if lang == "en" or not path.exists() or tomllib is None:
        return {}
    with path.open("rb") as fh:
        return tomllib.load(fh)


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


def exercise_text(name: str, field: str, english: T) -> T:
    """A manifest field (title, task, hints) of one exercise in the learner's language."""
    return catalog(language()).get("exercises", {}).get(name, {}).get(field, english)


def instructions(name: str) -> str | None:
    """An exercise's instructions in the learner's language (None: read the stub's docstring)."""
    return catalog(language()).get("instructions", {}).get(name)
