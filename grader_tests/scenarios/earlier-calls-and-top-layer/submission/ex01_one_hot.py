"""build_vocab keeps its list in a mutable default argument: each call starts from the last one's."""

import numpy as np


def build_vocab(words: list[str], seen: list[str] = []) -> list[str]:  # noqa: B006 - the mistake
    for word in words:
        for char in word:
            if char not in seen:
                seen.append(char)
    return seen


def one_hot(char: str, vocab: list[str]) -> list[int]:
    if char not in vocab:
        raise ValueError(f"character {char!r} is not in the vocabulary {vocab}")
    return [1 if v == char else 0 for v in vocab]


def encode_word(word: str, vocab: list[str]) -> np.ndarray:
    return np.array([one_hot(char, vocab) for char in word], dtype=np.float32).reshape(len(word), len(vocab))
