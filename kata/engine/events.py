"""What a judge tells the grading parent: one JSON object per line on its verdict pipe, each
with "ev" naming the event. The judge writes them (kata.engine.plugin.Stream, kata.engine.judge);
the parent reads them (kata.engine.judge_process.Judge.handle). Nothing else shares that pipe: the
learner's code runs in workers, which have no descriptor of it."""

from __future__ import annotations

import json
from enum import Enum

from kata.core.untrusted import clean_all


class Event(str, Enum):
    COLLECTED = "collected"  # tests: what the report needs to know of each test, before any runs
    COLLECT_ERROR = "collect_error"  # message: why a test file could not be collected
    START = "start"  # test, timeout: a test starts, with its time limit
    DOING = "doing"  # what: the learner's call the test is making now (named when it hangs)
    RESULT = "result"  # test, passed, message, kind, stdout: a test's verdict
    DONE = "done"  # code: pytest's exit code; nothing follows


def encode(event: Event, **fields: object) -> str:
    return json.dumps({"ev": event.value, **fields}) + "\n"


def decode(line: bytes) -> tuple[Event, dict] | None:
    """The event of one line, or None for a line that is not one (never trusted blindly)."""
    try:
        data = clean_all(json.loads(line))  # learner text inside: valid, bounded, no escapes
        if not isinstance(data, dict):
            return None
        return Event(data.get("ev")), data
    except (ValueError, TypeError):
        return None
