"""encode_word written exactly as ex01's last hint says (kata.toml)."""

import numpy as np


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
    rows = [one_hot(c, vocab) for c in word]
    return np.array(rows, dtype=np.float32).reshape(len(word), len(vocab))
