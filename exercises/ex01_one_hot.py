"""Exercise 01: one-hot encoding.

An RNN cannot read letters, only numbers. The lecture note turns each character into a
*one-hot* vector: a list as long as the vocabulary, all zeros except a single 1 at the
character's position.

The note's vocabulary is h, e, l, o (in order of first appearance in "hello"):

    h = [1, 0, 0, 0]
    e = [0, 1, 0, 0]
    l = [0, 0, 1, 0]
    o = [0, 0, 0, 1]

The length of that vector (4 here) is what nn.RNN calls ``input_size``.

Write three functions:

1. ``build_vocab(words)`` -> list of the distinct characters in ``words``, in order of
   first appearance. Every character counts: "A" and "a" are different, a space is a
   character too.   build_vocab(["hello"]) == ["h", "e", "l", "o"]
2. ``one_hot(char, vocab)`` -> list of ints, one per vocabulary entry, with a 1 at the
   position of ``char``.   one_hot("e", ["h", "e", "l", "o"]) == [0, 1, 0, 0]
   A character that is not in ``vocab`` raises ``ValueError`` naming that character: check it
   yourself and ``raise ValueError(...)`` with your own message (an error that ``list.index``
   happens to raise does not say what is wrong).
3. ``encode_word(word, vocab)`` -> numpy array of shape ``(len(word), len(vocab))`` and
   dtype float32: one one-hot row per character.
   encode_word("hello", vocab) has shape (5, 4).

Check your work: ``make test`` (without make: ``python -m kata test``).

한국어 설명: KATA_LANG=ko make explain EX=ex01
(make 없이: KATA_LANG=ko python -m kata explain ex01)
"""

import numpy as np


def build_vocab(words: list[str]) -> list[str]:
    raise NotImplementedError(
        "ex01_one_hot.build_vocab: not written yet. Start here: loop over each word and each "
        "character, and append characters you have not seen before to a list."
    )


def one_hot(char: str, vocab: list[str]) -> list[int]:
    raise NotImplementedError(
        "ex01_one_hot.one_hot: not written yet. The list has one entry per vocabulary character: which "
        "position belongs to char, and what goes everywhere else?"
    )


def encode_word(word: str, vocab: list[str]) -> np.ndarray:
    raise NotImplementedError(
        "ex01_one_hot.encode_word: not written yet. Build one one_hot row per character and "
        "turn the rows into a float32 numpy array."
    )
