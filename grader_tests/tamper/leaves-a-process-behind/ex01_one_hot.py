"""A right ex01 that, as it is imported, forks below the audit hook (libc): the child leaves
its session and sleeps an hour, holding the worker's output. The grader must end all the same,
and nothing of it may outlive its judge, where it could meet the next submission graded under
the same account."""

import ctypes
import time

import numpy as np

_libc = ctypes.CDLL(None, use_errno=True)
if _libc.fork() == 0:
    _libc.setsid()
    time.sleep(3600)
    _libc._exit(0)


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
