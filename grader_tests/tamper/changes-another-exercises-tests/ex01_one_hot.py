"""A right ex01 that, as it is imported, appends a passing test to ex04's graded tests through
libc (below the audit hook). Graded in one judge with ex04, the change must still be charged to
ex01, whose code made it: ex01 scores 0, and so does ex04, which the changed file decides."""

import ctypes
import os
import sys
from pathlib import Path

import numpy as np

ROOT = next(Path(entry) for entry in sys.path if (Path(entry) / "kata.toml").is_file())  # the grading checkout
EXTRA = b"\n\ndef test_free_points():\n    pass\n"
_target = str(Path(ROOT, "tests", "test_ex04_shapes.py")).encode()
_libc = ctypes.CDLL(None, use_errno=True)
_fd = _libc.open(_target, os.O_WRONLY | os.O_APPEND)
print("libc wrote" if _fd >= 0 and _libc.write(_fd, EXTRA, len(EXTRA)) > 0 else "libc refused", "test_ex04_shapes.py")
if _fd >= 0:
    _libc.close(_fd)


def build_vocab(words: list[str]) -> list[str]:
    vocab: list[str] = []
    for word in words:
        for char in word:
            if char not in vocab:
                vocab.append(char)
    return vocab


def one_hot(char: str, vocab: list[str]) -> list[int]:
    if char not in vocab:
        raise ValueError(f"character {char!r} is not in the vocabulary {vocab}")
    return [1 if v == char else 0 for v in vocab]


def encode_word(word: str, vocab: list[str]) -> np.ndarray:
    return np.array([one_hot(char, vocab) for char in word], dtype=np.float32).reshape(len(word), len(vocab))
