"""Which learner-facing texts a language file lacks. `python -m grader_tests.catalog ko` prints
the missing entries as TOML to fill in; the test in test_languages.py fails while any are missing."""

from __future__ import annotations

import ast
import string
import sys

from kata import ROOT
from kata.core.grading_files import PYTHON_SOURCES
from kata.core.manifest import MANIFEST_PATH
from kata.i18n import catalog

STUBS = "exercises/*.py"  # a stub's NotImplementedError text is shown translated by its exact English
MARKED_KEYWORDS = {"advice", "why", "swap_hint"}


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


def problems(lang: str) -> list[str]:
    import tomllib

    entries = catalog(lang)
    messages = entries.get("messages", {})
    found = []
    for text in sorted(english_texts()):
        if text not in messages:
            found.append(f"missing message: {text!r}")
        elif placeholders(text) != placeholders(messages[text]):
            found.append(f"placeholders differ: {text!r}")
    with MANIFEST_PATH.open("rb") as fh:
        manifest = tomllib.load(fh)
    for exercise in manifest["exercise"]:
        name = exercise["name"]
        translated = entries.get("exercises", {}).get(name, {})
        for field in ("title", "task"):
            if field not in translated:
                found.append(f"missing exercises.{name}.{field}")
        if len(translated.get("hints", [])) != len(exercise.get("hints", [])):
            found.append(f"exercises.{name}.hints: {len(exercise.get('hints', []))} hints expected")
        if name not in entries.get("instructions", {}):
            found.append(f"missing instructions.{name}")
    return found


if __name__ == "__main__":
    lang = sys.argv[1] if len(sys.argv) > 1 else "ko"
    messages = catalog(lang).get("messages", {})
    for text in sorted(english_texts()):
        if text not in messages:
            print(f"{text!r} = {text!r}".replace("'", '"') if '"' not in text else f"{text!r} = {text!r}")
    for problem in problems(lang):
        if not problem.startswith("missing message"):
            print("#", problem, file=sys.stderr)
