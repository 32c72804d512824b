"""Golden-scenario machinery: build a scenario's tree, grade it through the real CLI, snapshot it,
and choose the scenarios whose Korean reports between them show every message path.

Every scenario is graded once, in English (its expected.json speaks English). A failure
message is written in the learner's language when the test fails, in the judge, so a
Korean report needs a Korean grade; those are the few scenarios `korean_cover` picks: together
their English results use every message template that any scenario's results use, and the
same code paths write the same templates in Korean (test_korean_reports.py checks that they did)."""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import shutil
import string
import subprocess
from dataclasses import dataclass
from pathlib import Path

from grader_tests.warm_kata import run_kata
from kata import EXERCISES_DIR, SOLUTIONS_DIR

SCENARIOS = Path(__file__).parent / "scenarios"


@dataclass
class Graded:
    """One scenario's grading run: the tree it graded, what the grader wrote and printed."""

    name: str
    lang: str
    expected: dict
    tree: Path
    results: dict
    returncode: int
    stdout: str
    before: dict[str, str]
    after: dict[str, str]
    left_in_tmp: list[str]


def snapshot(folder: Path) -> dict[str, str]:
    """Every file below folder with a hash of its bytes and its modification time."""
    return {
        str(p.relative_to(folder)): f"{hashlib.sha256(p.read_bytes()).hexdigest()}:{p.stat().st_mtime_ns}"
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def build_tree(scenario: Path, expected: dict, workdir: Path) -> Path:
    tree = workdir / scenario.name
    tree.mkdir(parents=True)
    base = {"solutions": SOLUTIONS_DIR, "exercises": EXERCISES_DIR}.get(expected.get("base") or "")
    if base is not None:
        for source in base.glob("ex*.py"):
            shutil.copy2(source, tree / source.name)
    for source in (scenario / "submission").glob("*.py"):
        shutil.copy2(source, tree / source.name)
    return tree


def grade(
    tree: Path, results: Path, timeout: float, *extra: str, env: dict | None = None, environ: dict | None = None
) -> subprocess.CompletedProcess:
    """`python -m kata grade` of tree; its environment is `environ` (os.environ unless given: the
    golden grades, run beside other tests, take a copy made before any test changed it) and env."""
    env = {
        **(os.environ if environ is None else environ),
        "KATA_DEVICE": os.environ.get("KATA_DEVICE", "cpu"),
        "PYTHONDONTWRITEBYTECODE": "1",
        "KATA_LANG": "en",
        **(env or {}),
    }
    return run_kata(["grade", f"--impl={tree}", f"--results={results}", f"--timeout={timeout}", *extra], env=env)


KOREAN_COLUMNS = 80  # the terminal a Korean report must fit


def run_scenario(
    scenario: Path, workdir: Path, lang: str = "en", exercises: list[str] | None = None, environ: dict | None = None
) -> Graded:
    """Grade the scenario's tree in `lang` (Korean as on an 80-column terminal): the exercises
    its expected.json is about, or only some of them."""
    expected = json.loads((scenario / "expected.json").read_text())
    workdir = workdir / lang
    workdir.mkdir(exist_ok=True)
    tree = build_tree(scenario, expected, workdir)
    before = snapshot(tree)
    results_path = workdir / f"{scenario.name}.results.json"
    tmp = workdir / f"{scenario.name}.tmp"  # the grader's temporary files go here, to be checked
    tmp.mkdir()
    only = exercises or list(expected["exercises"])  # grade just the exercises the scenario is about
    env = {"TMPDIR": str(tmp), "KATA_LANG": lang}
    if lang != "en":
        env["COLUMNS"] = str(KOREAN_COLUMNS)
    proc = grade(tree, results_path, float(expected.get("timeout", 10)), *only, env=env, environ=environ)
    results = json.loads(results_path.read_text()) if results_path.exists() else {}
    left = sorted(str(p.relative_to(tmp)) for p in tmp.rglob("*"))
    output = proc.stdout + proc.stderr
    return Graded(scenario.name, lang, expected, tree, results, proc.returncode, output, before, snapshot(tree), left)


@functools.cache  # korean_cover looks for every template in each exercise's messages: compile each once
def template_pattern(template: str, *, korean: bool = False) -> re.Pattern | None:
    """A template as a pattern over filled-in text: its literal text, anything in its
    placeholders (which may be empty; leading and trailing ones left off: they match anything), and in Korean
    either form of a particle after a placeholder (kata.i18n.korean.fill picks one). None when
    the template has too little literal text to be told from other text."""
    from kata.i18n.korean import PARTICLES, leading_particle

    pieces = placeholders_and_text(template)
    pattern = ""
    after_placeholder = False
    for literal, then_placeholder in pieces:
        marks, particle, rest = leading_particle(literal) if korean and after_placeholder else ("", "", literal)
        pair = next((p for p in PARTICLES if particle in p), ()) if particle else ()
        either = "(?:" + "|".join(map(re.escape, pair)) + ")" if pair else ""
        pattern += re.escape(marks) + either + re.escape(rest)
        after_placeholder = bool(then_placeholder)
        if then_placeholder:
            pattern += "\x02" if then_placeholder in NUMBERS else "\x01"
    pattern = pattern.strip("\x01\x02").replace("\x01", "([\\s\\S]*?)").replace("\x02", "(\\d+)")
    literal_text = "".join(literal for literal, _ in pieces)
    return re.compile(pattern) if len(literal_text.strip()) >= 4 else None


FIELD = re.compile(r"\w+(\.\w+|\[\w+\])*")


def placeholders_and_text(template: str) -> list[tuple[str, str]]:
    """(literal text, the name of the placeholder that follows it, "" for none) for each piece of
    a template; a text whose braces are no placeholders (a stub's "{'input': (...)}", shown as it
    is) is one piece."""
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError:
        return [(template, "")]
    if any(field is not None and not FIELD.fullmatch(field) for _literal, field, _spec, _conv in parsed):
        return [(template, "")]
    return [(literal, field or "") for literal, field, _spec, _conv in parsed]


# Placeholders that are always filled with a whole number: in a pattern they match digits only, so
# that "{path}, line {line}: {kind}" is not seen in ", line 33).\nReturn {'input': ..."
NUMBERS = frozenset({"line", "count", "number", "passed", "total", "step", "steps"})


def has_placeholders(template: str) -> bool:
    return any(placeholder for _literal, placeholder in placeholders_and_text(template))


def templates_in(texts: list[str], templates: list[str]) -> set[str]:
    """The templates that wrote these texts, longest literal first: the literal text a template
    matched is blanked out, so a short template ("expected") is not seen inside a longer one's."""
    patterns = patterns_of(tuple(templates))
    found = set()
    for text in texts:
        for template, pattern, anchor in patterns:
            if anchor not in text:  # no match can lack its longest literal piece: skip the search
                continue
            for match in pattern.finditer(text):
                found.add(template)
                text = blank_literals(text, match)
    return found


@functools.cache
def patterns_of(templates: tuple[str, ...]) -> tuple[tuple[str, re.Pattern, str], ...]:
    """(template, its pattern, its longest literal piece) for templates_in, longest literal
    first; the templates with too little literal text to have a pattern are left out."""
    found = []
    for template in sorted(templates, key=literal_length, reverse=True):
        pattern = template_pattern(template)
        if pattern is not None:
            found.append((template, pattern, max((literal for literal, _ in placeholders_and_text(template)), key=len)))
    return tuple(found)


def literal_length(template: str) -> int:
    return sum(len(literal) for literal, _placeholder in placeholders_and_text(template))


def blank_literals(text: str, match: re.Match) -> str:
    """text with the literal parts of a match (all but its placeholders' values) blanked."""
    keep = [match.span(i) for i in range(1, (match.re.groups or 0) + 1)]
    start, end = match.span()
    chars = list(text)
    for i in range(start, end):
        if not any(a <= i < b for a, b in keep):
            chars[i] = "\0"
    return "".join(chars)


def reported_messages(run: Graded, exercise: str | None = None) -> list[str]:
    """What a grade wrote for a learner to read about each test (of one exercise, or all): the
    kata's own messages, without what the learner's code printed below them (help(tensor) prints
    pages of torch's docs, whose words can look like a template filled in)."""
    from kata.i18n import catalog

    label = "Printed output:"
    printed = "\n\n" + (catalog(run.lang).get("messages", {}).get(label) or label) + "\n"
    return [
        test["output"].partition(printed)[0]
        for test in run.results.get("tests", [])
        if exercise is None or test["name"].startswith(f"{exercise}: ")
    ]


STARTUP_SECONDS = 2.0  # what one more grading process costs before it grades anything


def seconds_of(run: Graded, exercise: str) -> float:
    """An exercise's share of its scenario's English grading time, by its number of tests."""
    tests = run.results.get("tests", [])
    mine = sum(t["name"].startswith(f"{exercise}: ") for t in tests)
    return float(run.results.get("execution_time", 0.0)) * mine / max(len(tests), 1)


def korean_cover(
    runs: dict[str, Graded], templates: list[str], needed: set[str] | None = None
) -> dict[str, dict[str, set[str]]]:
    """Exercises of scenarios whose English failure messages between them use every template
    that any scenario's messages use, picked greedily by new templates per second of grading
    (the English grade's time; a scenario not yet picked also costs a process): scenario ->
    exercise -> the templates it is picked for. Test titles are left out: they are static
    texts, each checked on its own (test_korean_reports.py). Every template is looked for (a long text
    hides the templates it seems to contain), but only those in `needed` must be covered. A
    scenario whose messages depend on timing (expected.json's "messages_depend_on_timing") is never
    picked: its Korean grade need not take the paths its English grade took."""
    needed = set(templates) if needed is None else needed
    used = {
        (name, exercise): templates_in(reported_messages(run, exercise), templates) & needed
        for name, run in sorted(runs.items())
        if not run.expected.get("messages_depend_on_timing")
        for exercise in run.expected["exercises"]
    }
    seconds = {(name, exercise): seconds_of(runs[name], exercise) for name, exercise in used}
    left = set().union(*used.values()) if used else set()
    chosen: dict[str, dict[str, set[str]]] = {}

    def worth(unit: tuple[str, str]) -> float:
        cost = seconds[unit] + (0.0 if unit[0] in chosen else STARTUP_SECONDS)
        return len(used[unit] & left) / max(cost, 0.1)

    while left:
        best = max(sorted(used), key=worth)
        chosen.setdefault(best[0], {})[best[1]] = used[best] & left
        left -= used[best]
    return chosen
