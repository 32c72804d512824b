"""A golden submission: right answers with debug prints on stdout and stderr, and one mistake.

It prints in its first call only: the grader tells apart what tests print by when it reads the
pipe, so output printed by one test can land on the one before it (a race; the first test of a
child has none before it)."""

import sys

import numpy as np

calls = []


def build_vocab(words: list[str]) -> list[str]:
    calls.append(words)
    if len(calls) == 1:
        print(f"  building a vocabulary from {words}\n")  # stdout: Exercism shows it, stripped
        print("debug: build_vocab called", file=sys.stderr)  # stderr: Exercism leaves it out
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
    return np.array([one_hot(char, vocab) for char in word])  # the mistake: int64, not float32
