"""Text graded code wrote reaches every writer valid, bounded and free of escapes."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from kata.core.untrusted import clean, clean_all
from kata.engine import events
from kata.instructor.gradebook import write_gradebook
from kata.render.formats import write_json

HOSTILE = "\udcff lone \ud800 surrogates, \x1b[31mred\x1b[0m, \x1b]0;title\x07 a NUL\x00 and a bell\x07\r\n."


def test_clean_replaces_surrogates_and_controls_and_drops_escapes() -> None:
    text = clean(HOSTILE)
    text.encode("utf-8")  # would raise on a surrogate
    assert "\x1b" not in text and "\x00" not in text and "\x07" not in text and "\r" not in text
    assert "red" in text and "\ufffd lone \ufffd surrogates" in text and text.endswith("bell\ufffd\n.")
    assert clean("tab\tand\nnewline stay") == "tab\tand\nnewline stay"


def test_clean_bounds_the_length() -> None:
    assert len(clean("x" * 50_000)) == 20_000
    assert clean("x" * 10, limit=5) == "xxxx…"


def test_an_event_from_a_judge_arrives_clean() -> None:
    line = events.encode(events.Event.RESULT, test="t", passed=False, message=HOSTILE, kind="error", stdout="")
    decoded = events.decode(line.encode())
    assert decoded is not None
    _event, data = decoded
    assert data["message"] == clean(HOSTILE)


def test_results_and_gradebook_take_any_text(tmp_path: Path) -> None:
    results = tmp_path / "results.json"
    write_json({"output": HOSTILE, "tests": [{"name": HOSTILE}]}, results)
    assert json.loads(results.read_text(encoding="utf-8"))["output"] == clean(HOSTILE)
    assert not list(tmp_path.glob(".*partial"))
    book = [{"student": "s\udcff", "exercises": {}, "total": 0, "max_total": 0, "errors": [HOSTILE]}]
    path = write_gradebook(book, [], tmp_path / "gradebook.csv")
    rows = list(csv.DictReader((tmp_path / "gradebook.csv").open(encoding="utf-8")))
    assert rows[0]["student"] == "s\ufffd" and "\x1b" not in rows[0]["errors"]
    assert json.loads(path.read_text(encoding="utf-8"))["students"][0]["student"] == "s\ufffd"


def test_clean_all_walks_keys_and_values() -> None:
    assert clean_all({"\udcff": ["\x00", 1, None]}) == {"\ufffd": ["\ufffd", 1, None]}


def test_clean_shows_what_reorders_or_hides_text() -> None:
    hidden = "abc\u202edcba\u2028next\u200bjoined\U000e0041tag"
    assert clean(hidden) == "abc\ufffddcba\ufffdnext\ufffdjoined\ufffdtag"
    assert clean("한국어 텍스트와 emoji 🎉 stay") == "한국어 텍스트와 emoji 🎉 stay"


def test_a_student_name_never_opens_as_a_formula(tmp_path: Path) -> None:
    """A folder named `=HYPERLINK(...)` (a hostile tester's) is text in the CSV a spreadsheet opens;
    the JSON keeps the name as it is."""
    names = ['=HYPERLINK("http://evil.example","full marks")', "+1", "-2", "@SUM(A1)", "plain"]
    book = [{"student": name, "exercises": {}, "total": 0, "max_total": 0, "errors": []} for name in names]
    path = write_gradebook(book, [], tmp_path / "gradebook.csv")
    rows = list(csv.DictReader((tmp_path / "gradebook.csv").open(encoding="utf-8")))
    assert [row["student"] for row in rows] == ["'" + name for name in names[:-1]] + ["plain"]
    assert [s["student"] for s in json.loads(path.read_text(encoding="utf-8"))["students"]] == names
