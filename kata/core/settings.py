"""The kata's settings from the environment, read in one place, once per process.

Every KATA_* variable a learner, an instructor or CI may set is read here (the language,
KATA_LANG, is read by kata.i18n, which sits below this package). Parent and grading child pass
each other what they share as arguments, never through the environment.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kata import ROOT

DEFAULT_TIMEOUT = 10.0  # seconds per test


@dataclass(frozen=True)
class Settings:
    timeout: float  # KATA_TIMEOUT: seconds per test
    jobs: int  # KATA_JOBS: exercises graded at once
    device: str  # KATA_DEVICE: cpu, cuda or mps; "" picks the best there is
    interview: bool  # KATA_MODE=interview: no hints anywhere
    start: str  # KATA_START: "fork" (Linux default) or "spawn" (what macOS and Windows do)
    sandbox_user: str  # KATA_SANDBOX_USER: the account graded code runs as when the grader is root
    state_dir: Path  # KATA_STATE_DIR: hints, progress and backups (default .kata/)
    pristine: bool  # KATA_PRISTINE: this run already grades from a release's pristine files
    launcher: str  # KATA_LAUNCHER: how the learner started the kata: "make", "notebook" or "" (python -m kata)
    confine: str  # KATA_CONFINE: "required" (grading others), "off" (--unconfined), "" (own code), "none" (tests: no Landlock)
    # KATA_IMPL_SHOWN: the folder the commands a report suggests name with --impl ("" for exercises/), where
    # the folder graded stands for another: the kata's own re-run from pristine copies, a test grading a
    # copy of exercises/. None (unset): --impl as the learner gave it.
    impl_shown: str | None


@cache
def settings() -> Settings:
    env = os.environ
    cpus = os.cpu_count() or 1
    return Settings(
        timeout=float(env.get("KATA_TIMEOUT") or DEFAULT_TIMEOUT),
        jobs=int(env.get("KATA_JOBS") or min(cpus, 4)),
        device=env.get("KATA_DEVICE", "").strip().lower(),
        interview=env.get("KATA_MODE", "").strip().lower() == "interview",
        start=env.get("KATA_START", "fork").strip().lower() or "fork",
        sandbox_user=env.get("KATA_SANDBOX_USER", "nobody").strip() or "nobody",
        state_dir=Path(env.get("KATA_STATE_DIR") or ROOT / ".kata"),
        pristine=bool(env.get("KATA_PRISTINE")),
        launcher=env.get("KATA_LAUNCHER", "").strip().lower(),
        confine=env.get("KATA_CONFINE", "").strip().lower(),
        impl_shown=env.get("KATA_IMPL_SHOWN"),
    )


def interview_mode() -> bool:
    """Interview mode shows no hints: `make hint` refuses, failure messages leave out the stubs' own."""
    return settings().interview
