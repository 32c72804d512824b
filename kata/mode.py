"""Which mode the kata runs in: interview mode (KATA_MODE=interview) shows no hints at all.

Its own module, below checks and learner, because both ask it: the learner's commands refuse
`make hint`, and the failure messages leave out the stubs' own hints."""

from __future__ import annotations

import os


def interview_mode() -> bool:
    return os.environ.get("KATA_MODE", "").strip().lower() == "interview"
