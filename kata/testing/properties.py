"""Property-based checks with Hypothesis, set up for grading: reproducible verdicts
(derandomize), a few examples each, no deadline, no example database written anywhere.

A failing example is reported like every other kata failure: the test's own message, which
names the call with its arguments, what was expected and what came back. Hypothesis shrinks it
first, so the learner sees the simplest input that fails.
"""

from __future__ import annotations

import string
from functools import cache

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st

settings.register_profile(
    "kata",
    derandomize=True,  # the same examples on every run: a verdict never changes between runs
    max_examples=25,
    deadline=None,  # a slow machine is not a wrong answer
    database=None,  # write nothing: graded code runs in a folder the grader removes
    print_blob=False,
    report_multiple_bugs=False,  # one failure, the simplest, in the kata's own words
    phases=(Phase.explicit, Phase.generate, Phase.shrink),
    suppress_health_check=list(HealthCheck),  # the `ex` fixtures only load modules
)
settings.load_profile("kata")


def draw_no_local_constants() -> bool:
    """Hypothesis also draws literals that it finds in the loaded modules of the project (test
    files, the kata). Which of them are loaded depends on what else is graded in the same process
    (one exercise, several, or plain pytest over all of them), so the same code could get another
    verdict in other company. Draw only from Hypothesis's own constants. False where this
    Hypothesis has no such feature (nothing to switch off)."""
    try:
        from hypothesis.internal.conjecture import providers
    except ImportError:
        return False
    if not callable(getattr(providers, "_get_local_constants", None)):
        return False
    none = type(providers._local_constants)()
    providers._get_local_constants = lambda: none
    return True


draw_no_local_constants()

# Letters, capitals, a space, digits and Hangul: a vocabulary is any characters, not only h, e, l, o.
ALPHABET = string.ascii_lowercase[:12] + "AZ 09" + "안녕하세"
characters = st.sampled_from(ALPHABET)


def strings(min_size: int = 0, max_size: int = 6) -> st.SearchStrategy[str]:
    """Strings over ALPHABET, built as lists of its characters: `st.text(characters)` would make
    Hypothesis build its table of every Unicode category first (0.9 s in each judge that draws
    one, whose folder holds no cache of it)."""
    return st.lists(characters, min_size=min_size, max_size=max_size).map("".join)


EDGE_SHAPES = ("plain", "leading space", "trailing space", "spaces at both ends", "spaces only")


def _edged(shape: str, core: str) -> str:
    """`core` with the spaces `shape` asks for at its edges."""
    if shape == "spaces only":
        return " " * max(1, len(core))
    lead = " " if shape in ("leading space", "spaces at both ends") else ""
    trail = " " if shape in ("trailing space", "spaces at both ends") else ""
    return lead + core + trail


@st.composite
def edged_words(draw: st.DrawFn, max_size: int = 6) -> str:
    """A word whose edges are drawn on purpose: a space leading, trailing, at both ends, or
    spaces only, as often as a plain word. Drawn by luck from ALPHABET, a space at a word's edge
    is rare, and a word.strip() would pass."""
    return _edged(draw(st.sampled_from(EDGE_SHAPES)), draw(strings(min_size=1, max_size=max_size)))


@st.composite
def vocab_and_edged_word(draw: st.DrawFn, max_size: int = 7) -> tuple[list[str], str]:
    """A vocabulary and a word over it whose edges are drawn on purpose (see edged_words); the
    vocabulary holds a space, at a random position, whenever the word needs one."""
    vocab = draw(vocabularies())
    shape = draw(st.sampled_from(EDGE_SHAPES))
    core = "".join(draw(_any_word(tuple(vocab), max_size)))
    if shape == "plain" or not core and shape != "spaces only":
        return vocab, core
    if " " not in vocab:
        vocab.insert(draw(st.integers(0, len(vocab))), " ")
    return vocab, _edged(shape, core)


@cache
def _any_word(vocab: tuple[str, ...], max_size: int) -> st.SearchStrategy[list[str]]:
    """Up to `max_size` letters of `vocab`."""
    return st.lists(_letters(vocab), max_size=max_size)


def with_edges(values: list[str], edges: str = " ") -> st.SearchStrategy[str]:
    """One of `values`, the edge characters among them (a space) drawn as often as all the rest
    together, not once in len(values) by luck."""
    present = [e for e in edges if e in values]
    rest = st.sampled_from(values)
    return st.one_of(st.sampled_from(present), rest) if present else rest


@st.composite
def spaced_vocabularies(draw: st.DrawFn) -> list[str]:
    """A vocabulary that holds a space, at a random position, as often as one that may not."""
    vocab = draw(vocabularies())
    if " " not in vocab and draw(st.booleans()):
        vocab.insert(draw(st.integers(0, len(vocab))), " ")
    return vocab


# Strategies drawn inside another (a composite) are made once per set of arguments and kept: a new
# strategy object is validated again on its first draw, which cost a grade of ex01 to ex06 more than
# a tenth of a second of its judges' time (the same examples are drawn: what a strategy draws does
# not depend on which object it is; grader_tests/unit/test_properties.py).


@cache
def vocabularies(min_size: int = 1, max_size: int = 7) -> st.SearchStrategy[list[str]]:
    """Distinct characters in a random order (never sorted on purpose)."""
    return st.lists(characters, min_size=min_size, max_size=max_size, unique=True)


@cache
def _letters(vocab: tuple[str, ...]) -> st.SearchStrategy[str]:
    return st.sampled_from(vocab)


@cache
def _word(vocab: tuple[str, ...], size: int) -> st.SearchStrategy[list[str]]:
    """`size` letters of `vocab`."""
    return st.lists(_letters(vocab), min_size=size, max_size=size)


@st.composite
def words_over(draw: st.DrawFn, vocab: list[str], *, count: tuple[int, int] = (1, 5), length: tuple[int, int] = (1, 6)):
    """Equal-length words over `vocab`."""
    size = draw(st.integers(*length))
    word = _word(tuple(vocab), size)
    return ["".join(draw(word)) for _ in range(draw(st.integers(*count)))]


@st.composite
def vocab_and_words(draw: st.DrawFn, **sizes) -> tuple[list[str], list[str]]:
    """Equal-length words over a vocabulary; their edges drawn on purpose, the same for every
    word so that the lengths stay equal (a space leading, trailing, at both ends, or none)."""
    vocab = draw(vocabularies())
    words = draw(words_over(vocab, **sizes))
    shape = draw(st.sampled_from(EDGE_SHAPES[:4]))
    if shape == "plain":
        return vocab, words
    if " " not in vocab:
        vocab.insert(draw(st.integers(0, len(vocab))), " ")
    return vocab, [_edged(shape, word) for word in words]


@st.composite
def rnn_sizes(draw: st.DrawFn, max_layers: int = 1) -> dict[str, int]:
    """batch, seq_len, input_size, hidden_size (and num_layers) of a small RNN, and a seed for its data."""
    return {
        "batch": draw(_size(1, 5)),
        "seq_len": draw(_size(1, 7)),
        "input_size": draw(_size(1, 6)),
        "hidden_size": draw(_size(1, 6)),
        "num_layers": draw(_size(1, max_layers)),
        "seed": draw(st.integers(0, 2**16)),
    }


@cache
def _size(low: int, high: int) -> st.SearchStrategy[int]:
    """A size whose edges (the smallest and the largest) are drawn on purpose, as often as any
    size between them: sizes of 1 are where a squeeze or a swapped axis hides."""
    return st.one_of(st.integers(low, high), st.sampled_from((low, high)))  # shrinks in the first, to the simplest
