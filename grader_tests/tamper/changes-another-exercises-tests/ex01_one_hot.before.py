"""Put at the top of the reference ex01 (the exercise is right): as it is imported, appends a
passing test to ex04's graded tests through libc (below the audit hook). Graded in one judge with
ex04, the change must still be charged to ex01, whose code made it: ex01 scores 0, and so does
ex04, which the changed file decides."""

import ctypes
import os
import sys
from pathlib import Path

ROOT = next(Path(entry) for entry in sys.path if (Path(entry) / "kata.toml").is_file())  # the grading checkout
EXTRA = b"\n\ndef test_free_points():\n    pass\n"
_target = str(Path(ROOT, "tests", "test_ex04_shapes.py")).encode()
_libc = ctypes.CDLL(None, use_errno=True)
_fd = _libc.open(_target, os.O_WRONLY | os.O_APPEND)
print("libc wrote" if _fd >= 0 and _libc.write(_fd, EXTRA, len(EXTRA)) > 0 else "libc refused", "test_ex04_shapes.py")
if _fd >= 0:
    _libc.close(_fd)
