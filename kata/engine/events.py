"""What a judge tells the grading parent: one JSON object per line on its verdict pipe, each
with "ev" naming the event. The judge writes them (kata.engine.plugin.Stream, kata.engine.judge);
the parent reads them (kata.engine.judge_process.Judge.handle). Nothing else shares that pipe: the
learner's code runs in workers, which have no descriptor of it."""

from __future__ import annotations

import json
import mmap
from enum import Enum

from kata.core.untrusted import clean, clean_all


class Event(str, Enum):
    COLLECTED = "collected"  # tests: what the report needs to know of each test, before any runs
    COLLECT_ERROR = "collect_error"  # message: why a test file could not be collected
    START = "start"  # test, timeout: a test starts, with its time limit
    DOING = "doing"  # what: the learner's call the test is making now (a spawned judge's; see DoingBoard)
    RESULT = "result"  # test, passed, message, kind, stdout: a test's verdict
    WORKER = "worker"  # starting: a new worker starts (True) or is ready (False); its start is not the test's time
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


class DoingBoard:
    """What a forked judge's tests are asking learner code to do now (DOING's `what`), on a page
    of memory the judge shares with the parent: written at every call with no system call, read by
    the parent only once the judge has ended (it crashed, or its time ran out), to name the call.
    A DOING event per call woke the parent hundreds of times a grade, each write a system call and
    a switch of process on a busy machine. The parent makes it after the clean zygote was forked,
    so no worker holds it; a spawned judge (no fork) sends DOING events instead."""

    SIZE = 4096

    def __init__(self) -> None:
        self.page = mmap.mmap(-1, self.SIZE)  # anonymous and shared: a forked child writes the parent's page

    def write(self, what: str) -> None:
        """Called in the judge. The length last: a judge stopped mid-write leaves "" or the old text."""
        data = what.encode("utf-8", errors="replace")[: self.SIZE - 4]
        self.page[:4] = bytes(4)
        self.page[4 : 4 + len(data)] = data
        self.page[:4] = len(data).to_bytes(4, "little")

    def read(self) -> str:
        """Called in the parent, once the judge has ended; its text is made safe like an event's."""
        size = min(int.from_bytes(self.page[:4], "little"), self.SIZE - 4)
        return clean(self.page[4 : 4 + size].decode("utf-8", errors="replace"))

    def close(self) -> None:
        self.page.close()
