"""The kata's own refusals: what graded code is told when a grading rule stops it (a file it may
not open, a program it may not start, a kata module it may not import). The worker raises them;
the judge recognises them by their text, so a report says them as the kata's own prose, not as an
error message the learner's code wrote. Recognising one only words a message: it decides no point."""

from __future__ import annotations

import re

from kata.i18n import N_, _

REFERENCE_OFF_LIMITS = N_(
    "The reference solutions are off-limits while grading: your code tried to open {path}. "
    "Write the exercise yourself; `{command}` gives a nudge."
)
HIDDEN_OFF_LIMITS = N_(
    "The instructor's hidden tests are off-limits while grading: your code tried to open {path}. "
    "Your functions get everything they need as arguments."
)
CONFINED = N_(
    "While grading, your code may read only its own files, Python and its packages, and write only in its "
    "own temporary folder; it tried {path}. An exercise gets what it needs as arguments and returns its result."
)
NO_PROGRAMS = N_(
    "Starting other programs or sending them signals ({event}) is not allowed while grading. An exercise needs only "
    "Python, numpy and torch."
)
KATA_MODULES_OFF_LIMITS = N_(
    "Graded code may not import {module}: it is the kata's own grading code, not part of the exercise. "
    "Use the standard library, numpy, torch and your earlier exercises."
)
# the same, for a graded file that names one (importlib, sys.modules): that file stands inside the last
# sentence, before its period, said as the file that reaches for the module (review 28: "(in {path})" read
# as where the earlier exercises are)
KATA_MODULES_OFF_LIMITS_IN_FILE = N_(
    "Graded code may not import {module}: it is the kata's own grading code, not part of the exercise. "
    "Use the standard library, numpy, torch and your earlier exercises (the file that tries to use it: {path})."
)
REFUSALS = (
    REFERENCE_OFF_LIMITS,
    HIDDEN_OFF_LIMITS,
    CONFINED,
    NO_PROGRAMS,
    KATA_MODULES_OFF_LIMITS,
    KATA_MODULES_OFF_LIMITS_IN_FILE,
)
# A placeholder, with the particle that Korean fills in after it (을/를 and the like vary with the value).
_PLACEHOLDER = re.compile(r"\{\w+\}[`'\")]*(?:으로|을|를|이|가|은|는|와|과|로)?")


# Refusals a test had the worker raise (a watch's `refuse` text), already translated.
_registered: set[str] = set()


def register(text: str) -> None:
    """A refusal a test passes to the worker (kata.testing.watched): the kata's words too."""
    _registered.add(text.strip())


def is_refusal(text: str) -> bool:
    """Whether text is one of the kata's refusals, in the learner's language, or one registered."""
    text = text.strip()
    if text in _registered:
        return True
    for template in REFUSALS:
        parts = _PLACEHOLDER.split(_(template))
        if re.fullmatch(".+?".join(re.escape(part) for part in parts), text, re.DOTALL):
            return True
    return False
