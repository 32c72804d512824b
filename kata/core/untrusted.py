"""Text that came from graded code, made safe to write anywhere: the terminal, results.json, a
gradebook. Learner code chooses its exception messages and what it prints, so they may hold
lone surrogates (which no UTF-8 writer accepts), NUL, terminal escape sequences or megabytes."""

from __future__ import annotations

import re

LIMIT = 20_000  # characters of one text; results formats cut further where they must
# ANSI escape sequences (CSI, OSC, single-character), then every control character but tab and newline.
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?|\x9b[0-?]*[ -/]*[@-~]")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SURROGATES = re.compile(r"[\ud800-\udfff]")
# Invisible characters that reorder or hide text (bidirectional overrides, zero-width and tag
# characters: Unicode's format category) and the line and paragraph separators.
_INVISIBLE = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f"
    "\ufeff\ufff9-\ufffb\U000110bd\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)


def clean(text: str, limit: int = LIMIT) -> str:
    """Valid Unicode with no control or invisible format characters but tab and newline, at most
    `limit` characters."""
    if not isinstance(text, str):
        text = str(text)
    text = _SURROGATES.sub("\ufffd", text)
    text = _ESCAPES.sub("", text.replace("\r\n", "\n"))
    text = _CONTROLS.sub("\ufffd", text)
    text = _INVISIBLE.sub("\ufffd", text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def clean_all(value: object) -> object:
    """`clean` applied to every string in nested dicts and lists (keys too)."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {clean_all(key): clean_all(item) for key, item in value.items()}
    if isinstance(value, list):
        return [clean_all(item) for item in value]
    return value
